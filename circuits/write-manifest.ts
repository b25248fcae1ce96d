import { writeFile } from "node:fs/promises";
import path from "node:path";
import { buildManifest } from "./build-manifest";

// Regenerates circuits/manifest.json from the installed packages. Run it only after deliberately
// changing the pinned versions in package.json, then run `npm run circuits:check` and commit both:
// the manifest is what the server trusts, so a change to it deserves a reviewed diff.
const manifest = await buildManifest();
const target = path.join(import.meta.dirname, "manifest.json");
await writeFile(target, `${JSON.stringify(manifest, null, 2)}\n`);
const files = manifest.artifacts.depths.length * 3;
console.log(
  `wrote ${path.relative(process.cwd(), target)}: ${manifest.artifacts.name}@${manifest.artifacts.version}, ${files} files`,
);
