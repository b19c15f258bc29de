/**
 * The contract as the web build ships it (issue 16): each contract module's exports as plain data, its zod
 * schemas left out. Building the contract's schemas took ~80 ms of the browser's main thread before any page
 * rendered, and the web never checks them (it calls endpoints by method and path; the answers are typed by the
 * schemas at compile time only). vite.config.ts evaluates each contract module at build time and serves this
 * source in its place; type-checking, the dev server and tests keep the real modules. Pure: the module is
 * handed over evaluated.
 */

/** Whether a value is a zod schema (zod 4: every schema carries its internals in `_zod`). */
const isSchema = (v: unknown): boolean => typeof v === 'object' && v !== null && '_zod' in v;

/**
 * The JavaScript of a contract module for the browser: every export as a JSON literal with its schemas dropped
 * (an export that is a schema becomes `undefined`), a function re-exported from `helpers` (paths.ts, zod-free)
 * when that module has it, else one that says it is not in the web build. Anything else that JSON cannot
 * carry (a Map, a class instance) is refused: the build fails rather than ship a changed value.
 */
export function contractModuleSource(name: string, mod: Record<string, unknown>, helpers: { specifier: string; names: readonly string[] }): string {
  const lines: string[] = [`// ${name}: the contract's data for the web (src/web/contractData.ts); its zod schemas are left out`];
  const fromHelpers: string[] = [];
  for (const [key, value] of Object.entries(mod).sort(([a], [b]) => a.localeCompare(b))) {
    const as = key === 'default' ? 'export default' : `export const ${key} =`;
    if (typeof value === 'function') {
      if (helpers.names.includes(key)) fromHelpers.push(key);
      else lines.push(`${as} () => { throw new Error(${JSON.stringify(`contract ${name}: ${key} is not in the web build`)}); };`);
      continue;
    }
    if (isSchema(value) || value === undefined) {
      lines.push(`${as} undefined;`);
      continue;
    }
    lines.push(`${as} ${JSON.stringify(value, (k, v: unknown) => dataOnly(`${name}.${key}${k ? `.${k}` : ''}`, v))};`);
  }
  if (fromHelpers.length) lines.push(`export { ${fromHelpers.join(', ')} } from ${JSON.stringify(helpers.specifier)};`);
  return `${lines.join('\n')}\n`;
}

function dataOnly(at: string, v: unknown): unknown {
  if (isSchema(v)) return undefined;
  if (typeof v === 'function') throw new Error(`contract data: ${at} is a function, not data (move it to paths.ts or out of the contract)`);
  if (typeof v === 'bigint') throw new Error(`contract data: ${at} is a bigint`);
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new Error(`contract data: ${at} is not plain data (${(v as object).constructor?.name})`);
  }
  return v;
}
