/** `POST /UnitSync/PushChanges`, `GET /UnitSync/Status`, `POST /UnitSync/Abort`. */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { accessibleUnit, requiredQueryInt } from '../access';
import * as shapes from '../dialects';
import { on, type Runtime } from '../runtime';
import { parseBody, unitOnlySchema } from '../schemas';
import type { SyncService } from '../sync';

export function registerSyncRoutes(router: Router, rt: Runtime, syncs: SyncService): void {
	on(router, 'POST', '/UnitSync/PushChanges', (req) => {
		const { unitId } = parseBody(unitOnlySchema, req.body);
		return reply.json(200, shapes.syncPush(rt.dialect(), syncs.push(accessibleUnit(rt, req.user, { unitId }))));
	});

	on(router, 'GET', '/UnitSync/Status', (req) => {
		const unitId = requiredQueryInt(req.query, 'unitId', { min: 1 });
		accessibleUnit(rt, req.user, { unitId });
		return reply.json(200, shapes.syncStatus(rt.dialect(), syncs.status(unitId)));
	});

	on(router, 'POST', '/UnitSync/Abort', (req) => {
		const { unitId } = parseBody(unitOnlySchema, req.body);
		accessibleUnit(rt, req.user, { unitId });
		return reply.json(200, shapes.syncAbort(rt.dialect(), syncs.abort(unitId)));
	});
}
