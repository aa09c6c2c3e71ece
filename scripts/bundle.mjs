// The small bundler behind the single-file build (build-single.mjs) and the
// page's bundle (build-page.mjs): joins ES modules into one script, each
// module wrapped as `const __qawl_x = (() => { …; return {exports}; })();`.
// It only understands the static import/export forms this repo uses, and
// says so when it meets another.
import { readFileSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const IMPORT_RE = /^[ \t]*import\s+([\s\S]+?)\s+from\s+['"]([^'"]+)['"];?[ \t]*$/gm;
const SIDE_IMPORT_RE = /^[ \t]*import\s+['"][^'"]+['"];?/m;

function bindingsFor(clause, modVar) {
  const out = [];
  let rest = clause.trim();
  const braces = rest.match(/\{([\s\S]*)\}/);
  if (braces) {
    const names = braces[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const [name, alias] = s.split(/\s+as\s+/);
        return alias ? `${name}: ${alias}` : name;
      });
    out.push(`const { ${names.join(', ')} } = ${modVar};`);
    rest = rest.replace(braces[0], '');
  }
  for (const part of rest.split(',').map((s) => s.trim()).filter(Boolean)) {
    const ns = part.match(/^\*\s+as\s+(\w+)$/);
    if (ns) out.push(`const ${ns[1]} = ${modVar};`);
    else if (/^\w+$/.test(part)) out.push(`const ${part} = ${modVar}.default;`);
    else throw new Error(`unsupported import clause: ${clause}`);
  }
  return out.join(' ');
}

export function moduleVar(file) {
  return `__qawl_${relative(ROOT, file).replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** Rewrites one ES module as `const __qawl_x = (() => { …; return {exports}; })();`. */
function wrapModule(file, source, deps, metaUrl) {
  const exportsList = [];
  let body = source.replace(IMPORT_RE, (_, clause, spec) => {
    const dep = resolve(dirname(file), spec);
    deps.push(dep);
    return bindingsFor(clause, moduleVar(dep));
  });
  if (SIDE_IMPORT_RE.test(body)) throw new Error(`${file}: side-effect imports are not supported`);
  // One script means every module is there at once: nothing to import later.
  if (/\bimport\s*\(/.test(body)) throw new Error(`${file}: dynamic import() is not supported by the bundle`);
  body = body.replace(/^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm, (_, kw, name) => {
    exportsList.push(`${name}: ${name}`);
    return `${kw} ${name}`;
  });
  body = body.replace(/^export\s*\{([^}]*)\};?/gm, (_, names) => {
    for (const s of names.split(',').map((x) => x.trim()).filter(Boolean)) {
      const [local, exported] = s.split(/\s+as\s+/);
      exportsList.push(`${exported || local}: ${local}`);
    }
    return '';
  });
  if (/^export\s/m.test(body)) throw new Error(`${file}: unsupported export form`);
  const here = metaUrl(file);
  body = body.replace(/\bimport\.meta\.url\b/g, () => here);
  return `const ${moduleVar(file)} = (() => {\n${body}\nreturn { ${exportsList.join(', ')} };\n})();\n`;
}

/**
 * Bundles `entry` and its imports, dependencies first.
 * @param {Record<string, string>} overrides file path -> replacement source
 * @param {Record<string, string>} after file path -> code to run right after that module
 * @param {(file: string) => string} metaUrl file path -> the expression that stands for
 *   its `import.meta.url` in the bundle
 */
export function bundle(entry, overrides = {}, after = {}, metaUrl = () => 'location.href') {
  const done = new Set();
  const out = [];
  const visit = (file, stack) => {
    if (done.has(file)) return;
    if (stack.includes(file)) throw new Error(`import cycle: ${[...stack, file].join(' -> ')}`);
    const source = overrides[file] ?? readFileSync(file, 'utf8');
    const deps = [];
    const wrapped = wrapModule(file, source, deps, metaUrl);
    for (const d of deps) visit(d, [...stack, file]);
    done.add(file);
    out.push(wrapped);
    if (after[file]) out.push(after[file]);
  };
  visit(entry, []);
  return out.join('\n');
}
