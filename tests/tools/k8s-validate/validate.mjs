#!/usr/bin/env node
// Validates every Kubernetes object in the YAML or JSON documents on stdin against the Kubernetes OpenAPI schema
// (kubernetes-models; cert-manager's CRDs through @kubernetes-models/cert-manager). Prints one line per object,
// "ok <kind> <name>" or "invalid <kind> <name>: <errors>", and exits 1 if any object is invalid or of an unknown kind.
import { parseAllDocuments } from "yaml";

const input = await new Promise((resolve, reject) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
  process.stdin.on("error", reject);
});

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const candidates = group === ""
    ? [`kubernetes-models/${version}`]
    : group.endsWith("cert-manager.io")
      ? [`@kubernetes-models/cert-manager/${group}/${version}`]
      : [`kubernetes-models/${group}/${version}`];
  for (const path of candidates) {
    try {
      const module = await import(path);
      if (module[kind]) return module[kind];
    } catch {
      // not this package
    }
  }
  return undefined;
}

let failed = 0;
let count = 0;
for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    console.log(`invalid document: ${document.errors.map((e) => e.message).join("; ")}`);
    failed++;
    continue;
  }
  const object = document.toJS();
  if (object === null || object === undefined) continue;
  count++;
  const name = object.metadata?.name ?? object.metadata?.generateName ?? "(no name)";
  const Model = object.apiVersion && object.kind ? await modelFor(object.apiVersion, object.kind) : undefined;
  if (!Model) {
    console.log(`invalid ${object.apiVersion}/${object.kind} ${name}: no schema for this apiVersion and kind`);
    failed++;
    continue;
  }
  try {
    new Model(object).validate();
    console.log(`ok ${object.kind} ${name}`);
  } catch (error) {
    const details = error.errors ? JSON.stringify(error.errors) : String(error.message ?? error);
    console.log(`invalid ${object.kind} ${name}: ${details}`);
    failed++;
  }
}
if (count === 0) {
  console.log("invalid input: no Kubernetes object on stdin");
  process.exit(1);
}
console.log(`${count} object(s), ${failed} invalid`);
process.exit(failed > 0 ? 1 : 0);
