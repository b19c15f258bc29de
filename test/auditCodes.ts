/**
 * Every audit action and entity code the code base writes (issue 14: the audit page says them in
 * words). Reads src with TypeScript's parser: each `audit(db, { action, entity, … })` call, its
 * `action` and `entity` as literals, both sides of a `?:`, a parameter of the enclosing function
 * (the literal each caller in the file passes), or a template literal whose values are listed in
 * TEMPLATES below. A code the scan cannot resolve is reported, so a new kind of write is seen.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { MACHINES } from '../src/core/workorders/machines';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Template literals of audit codes, by their text: the values they take (from the type of what they put in). */
const TEMPLATES: Record<string, readonly string[]> = {
  // decideDispute's input.decision: 'upheld' | 'rejected'
  '`qa.dispute.${input.decision}`': ['qa.dispute.upheld', 'qa.dispute.rejected'],
  // decideVersion's decision: 'publish' | 'reject'
  '`kb.version.${decision}`': ['kb.version.publish', 'kb.version.reject'],
  // CareKind: a note kind but the check-in's
  '`people.note.${n.kind}`': ['people.note.lead_private', 'people.note.praise', 'people.note.correction'],
  // a queue is added or removed
  '`live.agent.queue.${op}`': ['live.agent.queue.add', 'live.agent.queue.remove'],
  // an emergency level's activation moves: confirmed, stood down or dismissed (store/duty/repo.ts)
  '`emergency.${action}`': ['emergency.confirmed', 'emergency.stoodDown', 'emergency.dismissed'],
  // every transition of the work-order machines
  '`wo.${entry.transition}`': [...new Set(Object.values(MACHINES).flatMap((m) => m.transitions.map((t) => `wo.${t.name}`)))],
};

function* sources(dir: string): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)) yield p;
  }
}

export interface AuditCodes {
  actions: Set<string>;
  entities: Set<string>;
  /** `file:line: text` of a code the scan could not resolve */
  unresolved: string[];
}

export function auditCodes(): AuditCodes {
  const out: AuditCodes = { actions: new Set(), entities: new Set(), unresolved: [] };
  for (const path of sources(join(root, 'src'))) {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('audit(')) continue;
    const file = relative(root, path);
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${n.getText().slice(0, 80)}`;

    /** The values an expression takes, or null when the scan cannot tell. */
    const values = (e: ts.Expression): string[] | null => {
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
      if (ts.isParenthesizedExpression(e)) return values(e.expression);
      if (ts.isConditionalExpression(e)) {
        const a = values(e.whenTrue);
        const b = values(e.whenFalse);
        return a && b ? [...a, ...b] : null;
      }
      if (ts.isTemplateExpression(e)) return TEMPLATES[e.getText()] ? [...TEMPLATES[e.getText()]!] : null;
      if (ts.isIdentifier(e)) return parameterValues(e);
      return null;
    };

    /** A parameter of the enclosing named function: what each caller in the file passes in its place. */
    const parameterValues = (id: ts.Identifier): string[] | null => {
      let f: ts.Node | undefined = id.parent;
      while (f && !ts.isFunctionDeclaration(f)) f = f.parent;
      if (!f || !ts.isFunctionDeclaration(f) || !f.name) return null;
      const index = f.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
      if (index < 0) return null;
      const name = f.name.text;
      const found: string[] = [];
      let ok = true;
      const visit = (n: ts.Node) => {
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) {
          const arg = n.arguments[index];
          const v = arg ? values(arg) : null;
          if (v) found.push(...v);
          else ok = false;
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      return ok && found.length ? found : null;
    };

    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'audit' && n.arguments.length === 2) {
        const entry = n.arguments[1]!;
        if (!ts.isObjectLiteralExpression(entry)) out.unresolved.push(where(n));
        else
          for (const key of ['action', 'entity'] as const) {
            const p = entry.properties.find((x) => x.name !== undefined && ts.isIdentifier(x.name) && x.name.text === key);
            const e = p && ts.isPropertyAssignment(p) ? p.initializer : p && ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
            const v = e ? values(e) : null;
            if (!v) out.unresolved.push(where(e ?? entry));
            else for (const code of v) out[key === 'action' ? 'actions' : 'entities'].add(code);
          }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}
