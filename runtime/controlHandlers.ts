/**
 * The control handlers of `restack run`: thin adapters from the control channel to the in-process
 * update API.
 * `update` applies the patch bundle (the update happens at the update point where the request was
 * noticed, or between events) and replies synchronously with the report; `status` is the engine's.
 */
import type { ControlHandlers } from './link.js';
import { requestUpdateTo, status, type UpdateOptions } from './index.js';
import type { UpdateReport } from './report.js';
import { JSONStringify, NumberIsFinite, ObjectEntries } from './core/primordials.js';

/** The options a client may send with an update request, checked. */
function updateOptions(options: Record<string, unknown>): Pick<UpdateOptions, 'label' | 'timeoutMs' | 'dryRun'> {
  const out: Pick<UpdateOptions, 'label' | 'timeoutMs' | 'dryRun'> = {};
  const entries = ObjectEntries(options);
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i][0];
    const value = entries[i][1];
    if (key === 'timeoutMs') {
      if (typeof value !== 'number' || !NumberIsFinite(value) || value <= 0) throw new Error('option timeoutMs: expected a positive number of milliseconds');
      out.timeoutMs = value;
    } else if (key === 'label') {
      if (typeof value !== 'string' || !value) throw new Error('option label: expected a non-empty string');
      out.label = value;
    } else if (key === 'dryRun') {
      if (typeof value !== 'boolean') throw new Error('option dryRun: expected true or false');
      out.dryRun = value;
    } else {
      throw new Error(`unknown update option ${JSONStringify(key)} (expected timeoutMs, label or dryRun)`);
    }
  }
  return out;
}

export function controlHandlers(): ControlHandlers {
  return {
    update(patchDir, request, reply) {
      const options = updateOptions(request.options);
      return new Promise<UpdateReport>((resolve) => {
        // loadInPause: the patch is loaded where the request was noticed, so that time is pause.
        requestUpdateTo(patchDir, { ...options, receivedAt: request.receivedAt, loadInPause: true, prepared: request.prepared, group: request.group }, (report) => {
          reply(report);
          resolve(report);
        });
      });
    },
    status: () => status(),
  };
}
