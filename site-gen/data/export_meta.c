/* export_meta.c - see export_int.h: the pieces of JSON that the metadata
 * formats (CSVW, Data Package, schema.org JSON-LD) share. */
#include "export_int.h"

#include <cjson/cJSON.h>

const export_label export_meta_escape_rule = {
	"防公式注入(OWASP):文本列中,去掉开头的撇号后以 =、+、-、@、制表符或"
	"回车开头的单元格,写入时在前面再加一个撇号('),使电子表格把它当作文本。"
	"还原原值:凡匹配 ^'+[=+\\-@\\t\\r] 的文本单元格,去掉第一个字符。"
	"数字列和日期列从不改动;JSON 文件保存原值。",
	"Formula-injection guard (OWASP): in text columns, a cell whose value, "
	"after any leading apostrophes, starts with =, +, -, @, TAB or CR is "
	"written with one more apostrophe (') in front, so that spreadsheets "
	"show it as text. To recover the value, remove the first character of "
	"every text cell that matches ^'+[=+\\-@\\t\\r]. Number and date columns "
	"are never changed; the JSON files hold the values unchanged."
};

cJSON *export_meta_strings(const char *const *v)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; v[i]; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(v[i]));
	return arr;
}

cJSON *export_meta_both(const char *en, const char *zh)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s %s", en, zh);
	cJSON *s = cJSON_CreateString(b.ptr);
	buf_free(&b);
	return s;
}

cJSON *export_meta_lang_values(export_label t)
{
	cJSON *arr = cJSON_CreateArray();
	const char *langs[] = { "zh", "en" }, *vals[] = { t.zh, t.en };
	for (size_t i = 0; i < 2; i++) {
		if (!*vals[i])
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "@value", vals[i]);
		cJSON_AddStringToObject(o, "@language", langs[i]);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

const char *export_meta_en_or_zh(export_label t)
{
	return *t.en ? t.en : t.zh;
}

export_label export_meta_description(const export_ctx *c)
{
	const site_config *s = &c->m->site;
	return (export_label){
		export_fmt(c->a, "%s的开放数据:%s于 %s 印发的《%s》(%s)中的"
			   "约束性任务、量化指标、牵头和责任单位及进展报告。"
			   "每张表提供 CSV(UTF-8)、Excel 适用的 CSV(带 BOM "
			   "的 UTF-8)和 JSON。",
			   export_zh(c, s->title), export_zh(c, s->issuer), s->issued,
			   export_zh(c, s->plan_title), s->doc_number),
		export_fmt(c->a, "Open data of the %s: the binding tasks, "
			   "quantitative targets, lead and responsible units "
			   "and progress reports of \"%s\" (%s), issued by the "
			   "%s on %s. Every table comes as CSV (UTF-8), CSV "
			   "for Excel (UTF-8 with a byte-order mark) and JSON.",
			   export_meta_en_or_zh(export_pair(c, s->title)),
			   export_meta_en_or_zh(export_pair(c, s->plan_title)), s->doc_number,
			   export_meta_en_or_zh(export_pair(c, s->issuer)), s->issued) };
}
