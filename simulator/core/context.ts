/**
 * What every simulated API receives from `startSimulator`: the live config (changed at run time by
 * `/_sim/config`), the shared webhook sender and the clock. It lives in `core/` so the APIs can
 * import it without importing `simulator/index.ts`, which imports them.
 */
import type { SimConfig } from '../config';
import type { SimClock } from './clock';
import type { WebhookSender } from './webhooks';

export interface SimContext {
	config: SimConfig;
	webhooks: WebhookSender;
	/** Every timestamp and every scheduled step of the APIs goes through it (tests may pass a ManualClock). */
	clock: SimClock;
}
