/**
 * How compiled code names what it reaches at run time: every helper of the runtime object, member
 * of the module handle, field of a frame record and call of the loader context goes through one of
 * these functions, whose names are `keyof` the contract's interfaces (contract/compiled.ts). A
 * member renamed in the contract and not here fails the build, not a program at run time.
 *
 *   rt('pop')        ==>  __rsR.pop
 *   handle('up')     ==>  __rsM.up
 *   record('l')      ==>  __rsRec.l     (recordOf(q, 'f') for a record held elsewhere: q.f)
 *   loader('carry')  ==>  __rsU.carry
 */
import * as t from '@babel/types';
import {
  R, type FrameRecordABI, type LoaderABI, type ModuleHandleABI, type ModuleInfoABI, type RuntimeABI,
} from '../contract/index.js';

const member = (object: string, name: string): t.MemberExpression => t.memberExpression(t.identifier(object), t.identifier(name));

/** `__rsR.name`: a member of the runtime object. */
export function rt(name: keyof RuntimeABI): t.MemberExpression {
  return member(R.runtime, name);
}

/** `__rsM.name`: a member of the module's handle. */
export function handle(name: keyof ModuleHandleABI): t.MemberExpression {
  return member(R.module, name);
}

/** `__rsRec.name`: a field of the record a restore function was called with. */
export function record(name: keyof FrameRecordABI): t.MemberExpression {
  return member(R.record, name);
}

/** `rec.name`: a field of a frame record held by another expression. */
export function recordOf(rec: t.Expression, name: keyof FrameRecordABI): t.MemberExpression {
  return t.memberExpression(rec, t.identifier(name));
}

/** `__rsU.name`: a member of the loader context of a patch bundle's module. */
export function loader(name: keyof LoaderABI): t.MemberExpression {
  return member(R.loader, name);
}

/** A key of the object the module header passes to `__rsR.module` (ModuleInfoABI). */
export function infoKey(name: keyof ModuleInfoABI): t.Identifier {
  return t.identifier(name);
}
