/** `GET /Webhooks/Events`, `GET|PUT|DELETE /Webhooks`, `POST /Webhooks/Test`: one callback per unit and event. */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { accessibleUnit, queryText, requiredQueryInt } from '../access';
import { badRequest, notFound } from '../errors';
import * as shapes from '../dialects';
import { on, type Runtime } from '../runtime';
import { parseBody, putWebhookSchema, webhookTestSchema } from '../schemas';
import { isoUtc } from '../time';
import type { WebhookConfig } from '../types';
import { WEBHOOK_EVENTS, type WebhookDispatcher } from '../webhook-delivery';

// inferred: the secret and API key are write-only; reads show whether they are set
export function webhookView(config: WebhookConfig) {
	return {
		webhookId: config.webhookId,
		unitId: config.unitId,
		event: config.event,
		callbackUrl: config.callbackUrl,
		httpMethod: config.httpMethod,
		hasSecret: config.secret !== null,
		hasApiKey: config.apiKey !== null,
		isActive: config.isActive,
		createdIso: config.createdIso,
		updatedIso: config.updatedIso,
	};
}

function checkEvent(event: string): string {
	if (!WEBHOOK_EVENTS.includes(event)) throw badRequest(`event ${event} is not supported; see GET /Webhooks/Events`);
	return event;
}

export function registerWebhookRoutes(router: Router, rt: Runtime, dispatcher: WebhookDispatcher): void {
	// inferred: a plain array of event names
	on(router, 'GET', '/Webhooks/Events', () => reply.json(200, shapes.webhookEvents(rt.dialect(), [...WEBHOOK_EVENTS])));

	on(router, 'GET', '/Webhooks', (req) => {
		const unitId = requiredQueryInt(req.query, 'unitId', { min: 1 });
		accessibleUnit(rt, req.user, { unitId });
		const event = queryText(req.query, 'event');
		if (event !== undefined) checkEvent(event);
		// inferred: always an array, filtered by event when given
		const hooks = rt.state.webhooks.filter((hook) => hook.unitId === unitId && (event === undefined || hook.event === event));
		// in dialect b a request for one event answers that webhook alone, or 404 when there is none
		if (rt.dialect() === 'b' && event !== undefined && hooks.length === 0) throw notFound(`No webhook configured for unit ${unitId} and event ${event}`);
		return reply.json(200, shapes.webhookList(rt.dialect(), { event, views: hooks.map(webhookView) }));
	});

	on(router, 'PUT', '/Webhooks', (req) => {
		const body = parseBody(putWebhookSchema, req.body);
		accessibleUnit(rt, req.user, { unitId: body.unitId });
		const event = checkEvent(body.event);
		const nowIso = isoUtc(rt.now());
		// inferred: PUT replaces the whole configuration; omitted optional fields take their defaults
		const fields = {
			callbackUrl: body.callbackUrl,
			httpMethod: body.httpMethod ?? 'POST',
			secret: body.secret || null,
			apiKey: body.apiKey || null,
			isActive: body.isActive ?? 1,
			updatedIso: nowIso,
		};
		const existing = dispatcher.find(body.unitId, event);
		if (existing) {
			Object.assign(existing, fields);
			// inferred: 200 when an existing registration was replaced, 201 when created
			return reply.json(200, shapes.webhook(rt.dialect(), webhookView(existing)));
		}
		const created: WebhookConfig = { webhookId: rt.nextId('webhook'), unitId: body.unitId, event, createdIso: nowIso, ...fields };
		rt.state.webhooks.push(created);
		return reply.json(201, shapes.webhook(rt.dialect(), webhookView(created)));
	});

	on(router, 'DELETE', '/Webhooks', (req) => {
		const unitId = requiredQueryInt(req.query, 'unitId', { min: 1 });
		const event = queryText(req.query, 'event');
		if (event === undefined) throw badRequest('event is required');
		accessibleUnit(rt, req.user, { unitId });
		const existing = dispatcher.find(unitId, event);
		if (!existing) throw notFound(`No webhook configured for unit ${unitId} and event ${event}`);
		rt.state.webhooks = rt.state.webhooks.filter((hook) => hook !== existing);
		return reply.noContent();
	});

	on(router, 'POST', '/Webhooks/Test', async (req) => {
		const body = parseBody(webhookTestSchema, req.body);
		accessibleUnit(rt, req.user, { unitId: body.unitId });
		const config = dispatcher.find(body.unitId, checkEvent(body.event));
		if (!config) throw notFound(`No webhook configured for unit ${body.unitId} and event ${body.event}`);
		// inferred: a test call is sent even when the webhook is inactive, and answers 200 whatever the receiver said
		const delivery = await dispatcher.sendStatus(config, { test: true, isCached: true });
		const success = delivery.status !== undefined && delivery.status >= 200 && delivery.status < 300;
		return reply.json(
			200,
			shapes.webhookTest(rt.dialect(), {
				status: success ? 'OK' : 'Failed',
				unitId: config.unitId,
				event: config.event,
				callbackUrl: config.callbackUrl,
				httpMethod: config.httpMethod,
				success,
				responseStatusCode: delivery.status ?? null,
				error: delivery.error ?? null,
			}),
		);
	});
}
