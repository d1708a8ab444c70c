/* replay.c - run a fuzz target on files, without libFuzzer: each argument
 * is one input. Built with gcc and the sanitizers (build/asan/fuzz/), so
 * `make test` replays the seed corpus and every saved crash without clang.
 * Exits 0 when every input ran; a crash or sanitizer report aborts. */
#include "buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		buf b = BUF_INIT;
		if (buf_read_file(&b, argv[i]) != 0) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)buf_cstr(&b), b.len);
		buf_free(&b);
	}
	return 0;
}
