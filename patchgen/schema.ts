/**
 * The shape of mapping.ts's default export, as a zod schema: what `restack check` validates
 * before it checks the content against the two versions' metadata. It mirrors the `Mapping` type
 * of types.ts (which TypeScript checks while a person edits the file); the schema is what holds
 * when the file is only stripped of its types and run. Messages are phrased for the person
 * editing the file; `issueMessage` turns zod's issues into such sentences.
 */
import { z } from 'zod';
import { MAPPING_FORMAT } from './types.js';

const functionValue = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', { error: 'expected a function' });

export const cpTargetSchema = z.union(
  [z.number().int().nonnegative(), z.literal('refuse'), z.literal('TODO')],
  { error: "expected a new cp number, 'refuse' or 'TODO'" },
);

export const varSourceSchema = z.union(
  [z.strictObject({ from: z.string().min(1) }), z.strictObject({ value: z.unknown() }), z.literal('transform'), z.literal('TODO')],
  { error: "expected { from: 'oldName' }, { value: <constant> }, 'transform' or 'TODO'" },
);

export const functionMappingSchema = z.strictObject({
  to: z.union([z.string().min(1), z.null()], { error: "expected the new function's id (a string) or null" }),
  cps: z.record(z.string(), cpTargetSchema).optional(),
  vars: z.record(z.string(), varSourceSchema).optional(),
  frame: functionValue.optional(),
});

export const mappingSchema = z.strictObject({
  format: z.literal(MAPPING_FORMAT, { error: `expected format: ${MAPPING_FORMAT}` }),
  functions: z.record(z.string(), functionMappingSchema),
  state: z.record(z.string(), functionValue).optional(),
  topLevel: z.record(z.string(), z.record(z.string(), z.union([z.literal('run'), z.literal('skip'), z.literal('TODO')],
    { error: "expected 'run' (run it again in the update), 'skip' (it ran when the old version was loaded) or 'TODO'" }))).optional(),
  after: z.record(z.string(), functionValue).optional(),
  instances: z.record(z.string(), z.union([functionValue, z.null(), z.literal('TODO')], {
    error: "expected a transformer (self, update) => { ... }, null (old instances need nothing) or 'TODO'",
  })).optional(),
});

export type MappingInput = z.infer<typeof mappingSchema>;

/** A zod issue as one sentence. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message) && issue.path.length) {
    return `missing ${String(issue.path[issue.path.length - 1])}`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}
