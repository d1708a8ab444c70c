/* fuzz_tmpl - the Mustache engine: compile the input and render it with
 * fixed data. The input is also stored as partial "p" and parent "base",
 * so {{>p}} and {{<base}} recurse into it and the depth limits are hit. */
#include "buf.h"
#include "diag.h"
#include "tmpl.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char data_json[] =
	"{\"title\":\"<script>alert(1)</script>\",\"n\":85,\"x\":1.21,"
	"\"yes\":true,\"no\":false,\"none\":null,\"empty\":\"\",\"zero\":0,"
	"\"list\":[1,\"two\",{\"name\":\"\\\"><img src=x onerror=alert(1)>\"},"
	"[],[3]],\"a\":{\"b\":{\"c\":\"{{title}}\"}},"
	"\"tasks\":[{\"id\":\"t001\",\"text\":\"a & b\",\"done\":true},"
	"{\"id\":\"t002\",\"text\":\"c\",\"done\":false}]}";

static cJSON *fixed_data(void)
{
	static cJSON *root;
	if (!root && !(root = cJSON_Parse(data_json)))
		abort();
	return root;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	tmpl_set *set = tmpl_set_new();
	diag *d = diag_new();
	tmpl_set_add(set, "p", NULL, src, size, d);
	tmpl_set_add(set, "base", NULL, src, size, d);
	if (tmpl_set_add(set, "main", "main.mustache", src, size, d) == 0) {
		buf out = BUF_INIT;
		tmpl_render(set, "main", fixed_data(), &out, d);
		buf_free(&out);
	}
	diag_free(d);
	tmpl_set_free(set);
	return 0;
}
