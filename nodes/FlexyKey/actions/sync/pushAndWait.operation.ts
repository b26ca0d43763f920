import { unitField, unitIdOf } from '../../fields/unit';
import { pushChanges, StatusPoller, waitFields, waitForSync, waitSettings } from '../../sync-wait';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

export const pushAndWait: FlexyKeyOperation = {
	properties: showFor('sync', 'pushAndWait', [
		{
			...unitField(),
			hint: 'Pushes pending changes, then reads the status every poll interval until the sync completes, fails or the timeout passes',
		},
		...waitFields(),
	]),
	async run(item) {
		const settings = waitSettings(this, item);
		const unitId = await unitIdOf(this, item);
		const startedAt = Date.now();
		const poller = new StatusPoller(this, item, unitId, settings.intervalMs, startedAt);
		const push = await pushChanges(this, item, unitId, { deadlineMs: startedAt + settings.timeoutMs, poller });
		const result = await waitForSync(this, item, poller, push, settings, startedAt);
		// Output: outcome first, then the push answer, the final status and every status seen, as the API gave them.
		return { outcome: result.outcome, unitId, syncId: result.syncId, push, finalStatus: result.finalStatus, progress: result.progress, elapsedMs: result.elapsedMs };
	},
};
