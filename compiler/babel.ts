/**
 * Babel 7's CommonJS packages seen from ESM: the default export may arrive wrapped once more.
 * One place unwraps them for the whole compiler.
 */
import generatorModule from '@babel/generator';
import traverseModule from '@babel/traverse';

type Unwrapped<T> = T extends { default: infer D } ? D : T;

function unwrap<T>(m: T): Unwrapped<T> {
  const inner = (m as { default?: unknown }).default;
  return (typeof m === 'function' ? m : inner) as Unwrapped<T>;
}

export const generate = unwrap(generatorModule) as unknown as typeof import('@babel/generator').default;
export const traverse = unwrap(traverseModule) as unknown as typeof import('@babel/traverse').default;
