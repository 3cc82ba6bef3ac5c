/**
 * The new version's effects while it is evaluated (decision 0004): a module of the new version runs
 * code when it is loaded (a new module's top-level statements, the initialisers of new bindings),
 * and that code may start timers, add listeners, queue callbacks and change globals or builtins.
 * Until the update commits, those effects are recorded; an update that does not commit undoes
 * them, so a rollback leaves nothing of the new version behind.
 *
 * Recorded while a window is open (only around the new version's code, so nothing is paid while
 * the program runs):
 *  - timers and immediates (every way of making one: the globals, node:timers, a promise-based
 *    timer's own), seen as async resources when they are created: cleared;
 *  - process.nextTick callbacks: made to do nothing;
 *  - listeners added to EventEmitters (process included) and EventTargets: removed;
 *  - the own properties of globalThis and of the builtins programs most often patch (Object,
 *    Array, Promise, Error, the prototypes of those and of Function, String, Number, Map, Set),
 *    JSON, Math, Reflect, console and EventEmitter.prototype: put back as they were
 *    (builtinObjects). Other builtins changed by the new version's code stay changed.
 *  - servers (net, http, https) the new code made listen, and sockets it connected: closed (a
 *    server binds its port in listen(), so the next try can bind it again).
 * Other resources the new code opened (a file handle, a child process, a UDP socket) cannot be
 * undone safely: they are named in the report, so it says what stayed. Microtasks and promise
 * callbacks cannot be cancelled: they run (decision 0004).
 */
import { createHook, type AsyncHook } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import net from 'node:net';
import {
  ArrayPush,
  defineElement,
  mapEntries,
  MapHas,
  MapSet,
  newSet,
  ReflectApply,
  ReflectDefineProperty,
  ReflectDeleteProperty,
  ReflectGetOwnPropertyDescriptor,
  ReflectOwnKeys,
  SetAdd,
  SetHas,
  setValues,
  WeakSetAdd,
  WeakSetHas,
} from '../core/primordials.js';

type Listener = (...args: unknown[]) => unknown;

const EE = EventEmitter.prototype as unknown as Record<string, Listener>;
const EMITTER_ADDS = ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener'] as const;
/** Servers (net, http, https: all listen through net.Server) and sockets the new code opened: closed. */
const SERVER = net.Server.prototype as unknown as Record<string, Listener>;
const SOCKET = net.Socket.prototype as unknown as Record<string, Listener>;
/** The async resources of servers and sockets: not reported as kept when every one of them was closed. */
const NET_RESOURCES = newSet(['TCPSERVERWRAP', 'TCPWRAP', 'PIPESERVERWRAP', 'PIPEWRAP', 'TCPCONNECTWRAP', 'PIPECONNECTWRAP', 'GETADDRINFOREQWRAP', 'SHUTDOWNWRAP', 'WRITEWRAP']);
const ET = typeof EventTarget === 'function' ? (EventTarget.prototype as unknown as Record<string, Listener>) : null;

/** Resources whose creation is expected and harmless to keep (the runtime's, promises, awaits). */
const IGNORED = newSet(['PROMISE', 'Microtask', 'TIMERWRAP', 'FSREQCALLBACK', 'FSREQPROMISE', 'SIGNREQUEST', 'RANDOMBYTESREQUEST', 'PBKDF2REQUEST', 'HASHREQUEST']);

/**
 * Objects whose own properties a rollback puts back: globalThis, the builtins programs most often
 * patch (polyfills, instrumentation), the namespace objects and EventEmitter.prototype. A curated
 * list, not every global constructor: the snapshot is taken at every update, and all ~90
 * constructors and prototypes of Node 20 are 790 properties; these are about 450
 * (scripts/bench-transaction.js measures the window).
 */
function builtinObjects(): object[] {
  const g = globalThis as unknown as Record<string, unknown>;
  const out = newSet<object>([globalThis]);
  const add = (o: unknown): void => {
    if ((typeof o === 'object' || typeof o === 'function') && o !== null) SetAdd(out, o);
  };
  const constructors = ['Object', 'Array', 'Promise', 'Error'];
  for (let i = 0; i < constructors.length; i++) add(g[constructors[i]]);
  const prototypes = ['Object', 'Function', 'Array', 'String', 'Number', 'Promise', 'Map', 'Set', 'Error'];
  for (let i = 0; i < prototypes.length; i++) add((g[prototypes[i]] as { prototype?: unknown }).prototype);
  const namespaces = ['JSON', 'Math', 'Reflect', 'console'];
  for (let i = 0; i < namespaces.length; i++) add(g[namespaces[i]]);
  add(EventEmitter.prototype);
  return setValues(out);
}

let builtins: object[] | null = null;

/** Timers of the runtime itself: a rollback never clears them, whenever they were started. */
const runtimeTimers = new WeakSet<object>();

/** Marks a timer as the runtime's own (async/parking.ts's aging timer). */
export function ownTimer(timer: object): void {
  WeakSetAdd(runtimeTimers, timer);
}

export interface EffectsReport {
  timers: number;
  listeners: number;
  /** Servers and sockets the new version's code opened, closed. */
  handles: number;
  /** Kinds of resources the new version's code opened that a rollback could not close. */
  kept: string[];
}

export class Effects {
  private readonly timers: Array<{ kind: 'Timeout' | 'Immediate'; resource: unknown }> = [];
  private readonly ticks: Array<{ callback?: unknown }> = [];
  private readonly listeners: Array<{ target: object; event: unknown; fn: unknown; dom: boolean; options?: unknown }> = [];
  private readonly others: string[] = [];
  private readonly handles: Array<{ server?: net.Server; socket?: net.Socket }> = [];
  private snapshot: Map<object, Map<PropertyKey, PropertyDescriptor>> | null = null;
  private hook: AsyncHook | null = null;
  private depth = 0;
  private saved: Partial<Record<string, Listener>> = {};

  /**
   * Opens a recording window (windows nest: the new version's modules load one another). The
   * first one also takes the snapshot of the builtins.
   */
  open(): void {
    if (this.depth++ > 0) return;
    if (this.snapshot === null) this.snapshot = takeSnapshot();
    const self = this;
    this.hook = createHook({
      init(_id, type, _trigger, resource) {
        if (type === 'Timeout' || type === 'Immediate') ArrayPush(self.timers, { kind: type, resource });
        else if (type === 'TickObject') ArrayPush(self.ticks, resource as { callback?: unknown });
        else if (!SetHas(IGNORED, type)) ArrayPush(self.others, type);
      },
    }).enable();
    for (let i = 0; i < EMITTER_ADDS.length; i++) {
      const name = EMITTER_ADDS[i];
      const original = EE[name];
      this.saved[name] = original;
      EE[name] = function (this: object, event: unknown, fn: unknown, ...rest: unknown[]) {
        ArrayPush(self.listeners, { target: this, event, fn, dom: false });
        const args: unknown[] = [event, fn];
        for (let j = 0; j < rest.length; j++) defineElement(args, j + 2, rest[j]);
        return ReflectApply(original, this, args);
      };
    }
    const listen = SERVER.listen;
    this.saved.listen = listen;
    SERVER.listen = function (this: net.Server, ...args: unknown[]) {
      ArrayPush(self.handles, { server: this });
      return ReflectApply(listen, this, args);
    };
    const connect = SOCKET.connect;
    this.saved.connect = connect;
    SOCKET.connect = function (this: net.Socket, ...args: unknown[]) {
      ArrayPush(self.handles, { socket: this });
      return ReflectApply(connect, this, args);
    };
    if (ET) {
      const original = ET.addEventListener;
      this.saved.addEventListener = original;
      ET.addEventListener = function (this: object, event: unknown, fn: unknown, options?: unknown) {
        ArrayPush(self.listeners, { target: this, event, fn, dom: true, options });
        return ReflectApply(original, this, [event, fn, options]);
      };
    }
  }

  /** Closes the window opened last. */
  close(): void {
    // Closed already (a rollback closes a window the deadline left open, then the caller's own
    // close comes): nothing to put back twice.
    if (this.depth === 0) return;
    if (--this.depth > 0) return;
    this.hook?.disable();
    this.hook = null;
    for (let i = 0; i < EMITTER_ADDS.length; i++) EE[EMITTER_ADDS[i]] = this.saved[EMITTER_ADDS[i]]!;
    SERVER.listen = this.saved.listen!;
    SOCKET.connect = this.saved.connect!;
    if (ET) ET.addEventListener = this.saved.addEventListener!;
    this.saved = {};
  }

  /** The update committed: the effects stay. */
  commit(): void {
    this.forceClose();
    this.snapshot = null;
  }

  /** The update did not commit: everything recorded is undone; returns what could not be. */
  undo(): EffectsReport {
    this.forceClose();
    for (let i = 0; i < this.timers.length; i++) {
      const t = this.timers[i];
      if (WeakSetHas(runtimeTimers, t.resource as object)) continue;
      if (t.kind === 'Timeout') clearTimeout(t.resource as NodeJS.Timeout);
      else clearImmediate(t.resource as NodeJS.Immediate);
    }
    // A tick's callback is read when it runs: one that does nothing is as good as removed.
    for (let i = 0; i < this.ticks.length; i++) if (typeof this.ticks[i].callback === 'function') this.ticks[i].callback = noop;
    for (let i = this.listeners.length - 1; i >= 0; i--) {
      const l = this.listeners[i];
      try {
        if (l.dom) (l.target as EventTarget).removeEventListener(l.event as string, l.fn as EventListener, l.options as EventListenerOptions);
        else (l.target as EventEmitter).removeListener(l.event as string, l.fn as Listener);
      } catch {
        // A listener the emitter refused in the first place: nothing to remove.
      }
    }
    // A server bound its port synchronously in listen(): closing it frees the port for the next try.
    for (let i = 0; i < this.handles.length; i++) {
      const h = this.handles[i];
      try {
        if (h.server) h.server.close();
        else h.socket?.destroy();
      } catch {
        // Closed already.
      }
    }
    if (this.snapshot) restoreSnapshot(this.snapshot);
    this.snapshot = null;
    const closedNet = this.handles.length > 0;
    const others = setValues(newSet(this.others));
    const kept: string[] = [];
    for (let i = 0; i < others.length; i++) if (!(closedNet && SetHas(NET_RESOURCES, others[i]))) ArrayPush(kept, others[i]);
    return { timers: this.timers.length + this.ticks.length, listeners: this.listeners.length, handles: this.handles.length, kept };
  }

  /** A window left open by code that was stopped (the deadline) is closed here. */
  private forceClose(): void {
    if (this.depth > 0) {
      this.depth = 1;
      this.close();
    }
  }
}

function noop(): void {}

function takeSnapshot(): Map<object, Map<PropertyKey, PropertyDescriptor>> {
  builtins ??= builtinObjects();
  const out = new Map<object, Map<PropertyKey, PropertyDescriptor>>();
  for (let i = 0; i < builtins.length; i++) {
    const o = builtins[i];
    const props = new Map<PropertyKey, PropertyDescriptor>();
    const keys = ReflectOwnKeys(o);
    for (let j = 0; j < keys.length; j++) {
      const d = ReflectGetOwnPropertyDescriptor(o, keys[j]);
      if (d) MapSet(props, keys[j], d);
    }
    MapSet(out, o, props);
  }
  return out;
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;
}

function restoreSnapshot(snapshot: Map<object, Map<PropertyKey, PropertyDescriptor>>): void {
  const objects = mapEntries(snapshot);
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i][0];
    const props = objects[i][1];
    const keys = ReflectOwnKeys(o);
    for (let j = 0; j < keys.length; j++) {
      if (!MapHas(props, keys[j])) ReflectDeleteProperty(o, keys[j]);
    }
    const saved = mapEntries(props);
    for (let j = 0; j < saved.length; j++) {
      const key = saved[j][0];
      const d = saved[j][1];
      const now = ReflectGetOwnPropertyDescriptor(o, key);
      if (!now || !sameDescriptor(now, d)) ReflectDefineProperty(o, key, d);
    }
  }
}
