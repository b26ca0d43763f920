/** Route registration for FlexUnlock handlers: they receive the calling account (set by the pipeline). */
import type { HttpMethod, Router, SimReply } from '../core/http';
import type { Routed } from '../core/pipeline';
import type { AccountName } from './runtime';

export type FuRequest = Routed<AccountName>;

export function on(router: Router, method: HttpMethod, path: string, handler: (req: FuRequest) => SimReply | Promise<SimReply>): void {
	router.on(method, path, (req) => handler(req as FuRequest));
}
