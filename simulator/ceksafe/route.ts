/** Route registration for CekSafe handlers: they receive the calling account (set by the pipeline). */
import type { HttpMethod, Router, SimReply } from '../core/http';
import type { Routed } from '../core/pipeline';
import type { cekSafeKeys } from '../demo-credentials';

export type AccountName = keyof typeof cekSafeKeys;
export type CsRequest = Routed<AccountName>;

export function on(router: Router, method: HttpMethod, path: string, handler: (req: CsRequest) => SimReply): void {
	router.on(method, path, (req) => handler(req as CsRequest));
}
