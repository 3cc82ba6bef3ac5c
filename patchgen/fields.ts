/**
 * What a class's constructor stores on its instances, per version, and how that changed: the
 * `instances` section of mapping.ts. An update gives old instances the new methods (their class
 * is adopted), but not what the new constructor sets: a field the new version added, or one it now
 * fills with another expression (another type), is missing or stale on every instance made before
 * the update. `restack patch` lists those fields per class, with both source lines, for a person
 * to write an instance transformer.
 *
 * Classes are the top-level class declarations (`class C`, `const C = class`) and constructor
 * functions (a top-level `function C` or `const C = function`, whose name is capitalised or whose
 * `C.prototype` the module uses, that stores on `this`). Fields are what the constructor itself
 * runs (nested functions and callbacks are not followed): `this.x = ...` (also through an alias,
 * `const self = this`), `this.x ??= ...`, `Object.defineProperty(this, 'x', ...)`,
 * `Object.defineProperties(this, { x })`, `Object.assign(this, { x })`, and class fields `x = ...`.
 * Private fields (`#x`) are left out: a transformer cannot add them to an old instance.
 */
import { parse, type ParserPlugin } from '@babel/parser';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { traverse } from '../compiler/babel.js';

/** One field a constructor sets: where first, and the expression(s) it is set from. */
export interface FieldSite {
  name: string;
  /** 1-based line of its first assignment. */
  line: number;
  /** Its expressions, whitespace collapsed, in source order (a field may be set on several paths). */
  exprs: string[];
}

export interface ClassFields {
  /** The mapping's key: `module#Name`. */
  key: string;
  name: string;
  kind: 'class' | 'function';
  /** Line of the declaration. */
  line: number;
  fields: Map<string, FieldSite>;
}

export interface FieldChange {
  name: string;
  old?: FieldSite;
  new?: FieldSite;
}

/** A class whose constructor sets different fields in the new version. */
export interface ClassFieldDiff {
  /** Old and new keys (they differ when the class was renamed). */
  old: ClassFields;
  new: ClassFields;
  /** Set by the new version only, by the old only, and by both from different expressions. */
  added: FieldChange[];
  removed: FieldChange[];
  changed: FieldChange[];
}

const squashWs = (s: string): string => s.replace(/\s+/g, ' ').trim();

function parseModule(source: string, module: string): t.File | null {
  const plugins: ParserPlugin[] = /\.[cm]?tsx?$/.test(module) ? ['typescript'] : [];
  if (/\.tsx$/.test(module)) plugins.push('jsx');
  try {
    return parse(source, { sourceType: 'module', plugins, errorRecovery: true });
  } catch {
    return null;
  }
}

const propName = (key: t.Node, computed: boolean): string | null =>
  !computed && t.isIdentifier(key) ? key.name : t.isStringLiteral(key) ? key.value : t.isNumericLiteral(key) ? String(key.value) : null;

/**
 * The fields a constructor body (or class body) sets, in source order. `body` is walked without
 * entering nested functions or classes (they run later, if at all, and `this` is another object
 * in a non-arrow function).
 */
function fieldsOf(bodies: NodePath[], source: string, extra: FieldSite[] = []): Map<string, FieldSite> {
  const fields = new Map<string, FieldSite>();
  const text = (n: t.Node): string => (n.start != null && n.end != null ? squashWs(source.slice(n.start, n.end)) : '?');
  const add = (name: string, at: t.Node, expr: string): void => {
    const f = fields.get(name);
    if (f) f.exprs.push(expr);
    else fields.set(name, { name, line: at.loc?.start.line ?? 0, exprs: [expr] });
  };
  for (const f of extra) fields.set(f.name, f);
  for (const body of bodies) {
    const aliases = new Set<string>();
    const isSelf = (n: t.Node): boolean => t.isThisExpression(n) || (t.isIdentifier(n) && aliases.has(n.name));
    body.traverse({
      Function(p) { p.skip(); },
      Class(p) { p.skip(); },
      VariableDeclarator(p) {
        if (t.isIdentifier(p.node.id) && p.node.init && t.isThisExpression(p.node.init)) aliases.add(p.node.id.name);
      },
      AssignmentExpression(p) {
        const { left, operator, right } = p.node;
        if (!['=', '||=', '&&=', '??='].includes(operator) || !t.isMemberExpression(left) || !isSelf(left.object)) return;
        const name = propName(left.property, left.computed);
        if (name !== null) add(name, p.node, operator === '=' ? text(right) : `${operator} ${text(right)}`);
      },
      CallExpression(p) {
        const c = p.node.callee;
        if (!t.isMemberExpression(c) || !t.isIdentifier(c.object, { name: 'Object' }) || !t.isIdentifier(c.property)) return;
        const [target, a1, a2] = p.node.arguments;
        if (!target || !isSelf(target)) return;
        const method = c.property.name;
        if (method === 'defineProperty' && a1 && t.isStringLiteral(a1)) add(a1.value, p.node, a2 ? `defineProperty ${text(a2)}` : 'defineProperty');
        if ((method === 'defineProperties' || method === 'assign') && a1 && t.isObjectExpression(a1)) {
          for (const prop of a1.properties) {
            if (!t.isObjectProperty(prop) && !t.isObjectMethod(prop)) continue;
            const name = propName(prop.key, prop.computed);
            if (name !== null) add(name, prop, `${method} ${text(prop)}`);
          }
        }
      },
    });
  }
  return fields;
}

/** The classes and constructor functions a module declares at top level, with their fields. */
export function classFields(source: string, module: string): ClassFields[] {
  const ast = parseModule(source, module);
  if (!ast) return [];
  const out: ClassFields[] = [];
  // Names whose `.prototype` the module uses: constructor functions.
  const prototyped = new Set<string>();
  traverse(ast, {
    MemberExpression(p: NodePath<t.MemberExpression>) {
      if (t.isIdentifier(p.node.object) && propName(p.node.property, p.node.computed) === 'prototype') prototyped.add(p.node.object.name);
    },
  });
  let program!: NodePath<t.Program>;
  traverse(ast, { Program(p: NodePath<t.Program>) { program = p; p.stop(); } });
  const text = (n: t.Node): string => (n.start != null && n.end != null ? squashWs(source.slice(n.start, n.end)) : '?');

  const addClass = (name: string, cls: NodePath<t.Class>): void => {
    const bodyPaths = cls.get('body').get('body') as NodePath[];
    const classFieldSites: FieldSite[] = [];
    const ctorBodies: NodePath[] = [];
    for (const member of bodyPaths) {
      const n = member.node;
      if (t.isClassProperty(n) && !n.static && !n.declare) {
        const field = propName(n.key, n.computed);
        if (field !== null) classFieldSites.push({ name: field, line: n.loc?.start.line ?? 0, exprs: [n.value ? text(n.value) : 'undefined'] });
      } else if (t.isClassMethod(n) && n.kind === 'constructor') {
        ctorBodies.push(member.get('body') as NodePath);
        // TypeScript parameter properties: constructor(private x: T) sets this.x.
        for (const param of n.params) {
          if (t.isTSParameterProperty(param)) {
            const id = t.isIdentifier(param.parameter) ? param.parameter : t.isAssignmentPattern(param.parameter) && t.isIdentifier(param.parameter.left) ? param.parameter.left : null;
            if (id) classFieldSites.push({ name: id.name, line: param.loc?.start.line ?? 0, exprs: [`parameter ${id.name}`] });
          }
        }
      }
    }
    out.push({ key: `${module}#${name}`, name, kind: 'class', line: cls.node.loc?.start.line ?? 0, fields: fieldsOf(ctorBodies, source, classFieldSites) });
  };
  const addFunction = (name: string, fn: NodePath<t.Function>): void => {
    const fields = fieldsOf([fn.get('body') as NodePath], source);
    if (!/^[A-Z]/.test(name) && !prototyped.has(name)) return;
    if (!fields.size && !prototyped.has(name)) return;
    out.push({ key: `${module}#${name}`, name, kind: 'function', line: fn.node.loc?.start.line ?? 0, fields });
  };

  for (const s of program.get('body')) {
    let decl: NodePath = s;
    if (s.isExportNamedDeclaration() || s.isExportDefaultDeclaration()) {
      const d = s.get('declaration') as NodePath;
      if (!d.node) continue;
      decl = d;
    }
    if (decl.isClassDeclaration() && decl.node.id) addClass(decl.node.id.name, decl);
    else if (decl.isFunctionDeclaration() && decl.node.id) addFunction(decl.node.id.name, decl);
    else if (decl.isVariableDeclaration()) {
      for (const d of decl.get('declarations')) {
        if (!t.isIdentifier(d.node.id)) continue;
        const init = d.get('init') as NodePath;
        if (init.isClassExpression()) addClass(d.node.id.name, init);
        else if (init.isFunctionExpression()) addFunction(d.node.id.name, init);
      }
    }
  }
  return out;
}

/**
 * The classes of one module whose fields changed between two versions, paired by name, and by
 * `renamed` (old name -> new name: a constructor the function diff matched under another name).
 */
export function diffClassFields(oldClasses: ClassFields[], newClasses: ClassFields[], renamed: ReadonlyMap<string, string> = new Map()): ClassFieldDiff[] {
  const byName = new Map(newClasses.map((c) => [c.name, c]));
  const out: ClassFieldDiff[] = [];
  for (const o of oldClasses) {
    const n = byName.get(o.name) ?? byName.get(renamed.get(o.name) ?? '');
    if (!n) continue;
    const d: ClassFieldDiff = { old: o, new: n, added: [], removed: [], changed: [] };
    for (const [name, site] of n.fields) {
      const before = o.fields.get(name);
      if (!before) d.added.push({ name, new: site });
      else if (before.exprs.join('\n') !== site.exprs.join('\n')) d.changed.push({ name, old: before, new: site });
    }
    for (const [name, site] of o.fields) if (!n.fields.has(name)) d.removed.push({ name, old: site });
    if (d.added.length || d.removed.length || d.changed.length) out.push(d);
  }
  return out;
}
