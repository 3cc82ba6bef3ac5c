/**
 * Frame records: what an activation is reduced to when the stack unwinds (the contract's
 * FrameRecordABI with the runtime's module handle), and the records that stand for no compiled
 * frame.
 */
import type { FrameRecordABI } from '../../contract/index.js';
import type { ModuleHandle } from './moduleHandle.js';

/** A saved frame (contract FrameRecordABI), with the runtime's handle type. */
export type FrameRecord = FrameRecordABI<ModuleHandle>;

/** A frame's restore function: called with its record, it runs the frame from its continuation point. */
export type RestoreFn = (rec: FrameRecord) => unknown;

/** A record that is not a compiled frame (FrameRecord.synthetic): f runs in its place, above k. */
export function synthetic(f: () => unknown, k: FrameRecord | undefined): FrameRecord {
  return { synthetic: true, m: undefined as unknown as ModuleHandle, cp: -1, l: [], s: undefined, e: undefined, a: undefined, n: undefined, k, f };
}

