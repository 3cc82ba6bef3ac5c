/**
 * The runtime's public face: installs the engine where compiled code finds it (a registered
 * symbol on globalThis), and the control functions programs and tests call.
 *
 * Importing this module installs the runtime, so `import 'restack/runtime'` before a compiled
 * module is all a program needs.
 */
import { RUNTIME_KEY } from '../contract/index.js';
import { Engine, type CaptureStats } from './engine.js';

export type { CaptureStats } from './engine.js';

const KEY = Symbol.for(RUNTIME_KEY);

/** The process's engine, created on first use. */
export function install(): Engine {
  const g = globalThis as unknown as Record<symbol, Engine | undefined>;
  let engine = g[KEY];
  if (!engine) {
    engine = new Engine();
    Object.defineProperty(globalThis, KEY, { value: engine, enumerable: false, configurable: false, writable: false });
    // Explicit update points are no-ops when compiled code is not involved.
    const gg = globalThis as unknown as { UPDATE_POINT?: () => void };
    gg.UPDATE_POINT ??= () => {};
  }
  return engine;
}

/**
 * Requests an identity update (capture the whole stack at the next update point where it can be
 * captured, rebuild it in the same version). Resolves with the engine's statistics once applied.
 */
export function requestUpdate(): Promise<CaptureStats> {
  return install().requestIdentityUpdate();
}

/** Capture statistics so far. */
export function status(): CaptureStats {
  return { ...install().stats };
}

/** Identity update at every nth update point reached; 0 turns it off. */
export function setStorm(every: number): void {
  install().setStorm(every);
}

install();
