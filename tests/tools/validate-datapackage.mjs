// validate-datapackage.mjs - check a datapackage.json against the Data
// Package v2 JSON Schema profiles (draft-07), offline.
// Usage: node validate-datapackage.mjs DATAPACKAGE.json PROFILE-DIR
// Every profile in PROFILE-DIR is registered under its canonical URL
// (https://datapackage.org/profiles/2.0/<file>), so a "$schema" or "$ref"
// naming one resolves locally and no network is used. The package is
// checked against datapackage.json, each resource against dataresource.json,
// and each resource's dialect and schema against tabledialect.json and
// tableschema.json. Prints the errors; exits 1 when there are any.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const BASE = "https://datapackage.org/profiles/2.0/";
const [pkgPath, dir] = process.argv.slice(2);
if (!pkgPath || !dir) {
	console.error("usage: validate-datapackage.mjs DATAPACKAGE.json PROFILE-DIR");
	process.exit(2);
}

// The profiles carry annotation keywords of their own (propertyOrder,
// context, options), so strict mode is off.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat("textarea", true); // an editor hint in the profiles, not a check
for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")))
	ajv.addSchema(JSON.parse(readFileSync(join(dir, file), "utf8")), BASE + file);

const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
const problems = [];
function check(profile, value, where) {
	const validate = ajv.getSchema(BASE + profile);
	if (!validate)
		throw new Error(`profile ${profile} not found in ${dir}`);
	if (!validate(value))
		for (const e of validate.errors)
			problems.push(`${where}${e.instancePath}: ${e.message} (${profile})`);
}

check("datapackage.json", pkg, "package");
if (pkg.$schema !== BASE + "datapackage.json")
	problems.push(`package: $schema is ${pkg.$schema}, not ${BASE}datapackage.json`);
for (const [i, r] of (pkg.resources || []).entries()) {
	check("dataresource.json", r, `resources[${i}]`);
	if (r.dialect) check("tabledialect.json", r.dialect, `resources[${i}].dialect`);
	if (r.schema) check("tableschema.json", r.schema, `resources[${i}].schema`);
}
for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);
