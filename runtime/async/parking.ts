/**
 * The async activations that may be suspended at an await (or a yield): what an update captures
 * between events. Parking one is a flag and, the first time, a store into `recent`; resuming
 * clears the flag. See the comment on the fields for how they age.
 */
import { Activation, AsyncGenActivation, GenActivation, OldBody, ParkList } from '../activation.js';
import { defineElement, SetAdd, SetDelete, SetIteratorNext, SetSize, SetValues, WeakRefDeref } from '../core/primordials.js';
import { ownTimer } from '../update/effects.js';

const OPAQUE = 'an async function is suspended at an await restack cannot capture (in a finally block or a destructuring default); the update waits until it moves on';
const OPAQUE_YIELD = 'a generator is suspended at a yield restack cannot capture (in a finally block or a destructuring default); the update waits until the program resumes it past there';
/** Size of the buffer of recently parked activations (park). */
const RECENT = 4096;

/** The activations of a list, in the order its iterator gives them, in a new array. */
function activations(list: ParkList): Activation[] {
  const out: Activation[] = [];
  for (let act = list.head.newer!; act !== list.head; act = act.newer!) defineElement(out, out.length, act);
  return out;
}

export class Parking {
  /**
   * Async activations that may be suspended (at an await). Parking one is a flag and, the first
   * time, a store into `recent`; resuming clears the flag. `recent` is sorted out when full and by
   * the aging timer: what is still suspended moves to `young`, then `aged` (linked lists, nothing
   * allocated), and after two ticks of the timer to `weak`, held as natively: an activation
   * awaiting a promise nobody can settle any more is garbage. Most awaits last less than a tick
   * and cost the flag and the store.
   */
  private readonly recent: Array<Activation | undefined> = new Array<Activation | undefined>(RECENT).fill(undefined);
  private recentCount = 0;
  private young = new ParkList();
  private aged = new ParkList();
  private weak = new Set<WeakRef<Activation>>();
  private aging: NodeJS.Timeout | null = null;

  park(act: Activation): void {
    act.suspended = true;
    if (act.queued || act.list !== null || act.ref !== undefined) return;
    if (this.recentCount === RECENT) this.sortRecent();
    act.queued = true;
    this.recent[this.recentCount++] = act;
    if (this.aging === null) {
      this.aging = setInterval(() => this.age(), 1000);
      this.aging.unref();
      // The runtime's own: a rollback of an update during which it was started keeps it.
      ownTimer(this.aging);
    }
  }

  /** What is still suspended of the recently parked moves to `young`. */
  private sortRecent(): void {
    for (let i = 0; i < this.recentCount; i++) {
      const act = this.recent[i]!;
      this.recent[i] = undefined;
      act.queued = false;
      if (act.suspended && act.list === null && act.ref === undefined) this.young.add(act);
    }
    this.recentCount = 0;
  }

  /** Activations suspended for two ticks move to weak references; the young ones age. */
  private age(): void {
    this.sortRecent();
    const aged = activations(this.aged);
    for (let i = 0; i < aged.length; i++) {
      const act = aged[i];
      ParkList.remove(act);
      if (!act.suspended) continue;
      act.ref = new WeakRef(act);
      SetAdd(this.weak, act.ref);
    }
    const young = activations(this.young);
    for (let i = 0; i < young.length; i++) if (!young[i].suspended) ParkList.remove(young[i]);
    const emptied = this.aged;
    this.aged = this.young;
    this.young = emptied;
    const refs = SetValues(this.weak);
    for (let step = SetIteratorNext(refs); !step.done; step = SetIteratorNext(refs)) {
      const r = step.value;
      const act = WeakRefDeref(r);
      if (act === undefined || !act.suspended) {
        SetDelete(this.weak, r);
        if (act) act.ref = undefined;
      }
    }
    if (this.aged.empty && SetSize(this.weak) === 0 && this.aging) {
      clearInterval(this.aging);
      this.aging = null;
    }
  }

  /**
   * The suspended activations, or why one of them cannot be captured now. Those running their old
   * version's code (OldBody: a call kept on old code) are not captured: they run it to its end.
   */
  suspended(): Activation[] | string {
    const out: Activation[] = [];
    let n = 0;
    this.sortRecent();
    for (let l = 0; l < 2; l++) {
      const list = l === 0 ? this.young : this.aged;
      for (let act = list.head.newer!; act !== list.head; act = act.newer!) {
        if (!act.suspended || act.gen instanceof OldBody) continue;
        if (act.opaque) return act instanceof GenActivation || act instanceof AsyncGenActivation ? OPAQUE_YIELD : OPAQUE;
        defineElement(out, n++, act);
      }
    }
    const refs = SetValues(this.weak);
    for (let step = SetIteratorNext(refs); !step.done; step = SetIteratorNext(refs)) {
      const act = WeakRefDeref(step.value);
      if (!act || !act.suspended || act.gen instanceof OldBody) continue;
      if (act.opaque) return act instanceof GenActivation || act instanceof AsyncGenActivation ? OPAQUE_YIELD : OPAQUE;
      defineElement(out, n++, act);
    }
    return out;
  }
}
