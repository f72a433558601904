#!/usr/bin/env node
// Prints the YAML documents on stdin as one JSON array (YAML 1.2 core schema: numbers and booleans keep their type).
import { parseAllDocuments } from "yaml";

let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {
  const documents = parseAllDocuments(text);
  const broken = documents.find((d) => d.errors.length > 0);
  if (broken) {
    console.error(broken.errors.map((e) => e.message).join("; "));
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(documents.map((d) => d.toJS()).filter((o) => o !== null && o !== undefined)));
});
