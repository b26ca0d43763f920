/**
 * `GET /Units` and `GET /Units/{unitId}` (the single-unit form is inferred, API-NOTES B; the list's
 * envelope too, as the doc's example is not in our copy): both in the live dialect.
 */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { accessibleUnit, pathInt, visibleUnits } from '../access';
import * as shapes from '../dialects';
import { on, type Runtime } from '../runtime';

export function registerUnitRoutes(router: Router, rt: Runtime): void {
	on(router, 'GET', '/Units', (req) => reply.json(200, shapes.units(rt.dialect(), visibleUnits(rt, req.user).map((record) => record.unit))));

	on(router, 'GET', '/Units/:unitId', (req) => {
		const unitId = pathInt(req.params.unitId, 'unitId');
		return reply.json(200, shapes.unit(rt.dialect(), accessibleUnit(rt, req.user, { unitId }).unit));
	});
}
