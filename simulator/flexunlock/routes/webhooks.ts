/** `POST /webhooks` (documented body), `GET /webhooks`, `DELETE /webhooks/{id}` (inferred, API-NOTES B). */
import { randomBytes } from 'node:crypto';
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import * as shapes from '../dialects';
import { fail } from '../errors';
import { on } from '../route';
import { flexUnlockTime, type FlexUnlockRuntime, type FlexUnlockWebhook } from '../runtime';
import { createWebhookSchema, parseBody } from '../schemas';

export const webhookView = (hook: FlexUnlockWebhook) => ({
	id: hook.id,
	url: hook.url,
	events: [...hook.events],
	// inferred: same timestamp format as the delivery's created_at
	created_at: flexUnlockTime(hook.createdAt),
});

export function registerWebhookRoutes(router: Router, rt: FlexUnlockRuntime): void {
	on(router, 'POST', '/webhooks', (req) => {
		const body = parseBody(createWebhookSchema, req.body);
		const hook: FlexUnlockWebhook = {
			id: `wh_${randomBytes(8).toString('hex')}`,
			account: req.caller,
			url: body.url,
			events: [...new Set(body.events)],
			secret: body.secret,
			createdAt: rt.now(),
		};
		rt.webhooks.set(hook.id, hook);
		// inferred: 201 Created; registering the same URL twice creates a second webhook
		return reply.json(201, shapes.webhookCreated(rt.dialect(), webhookView(hook)));
	});

	// inferred: envelope `{status, webhooks}`; secrets are never returned
	on(router, 'GET', '/webhooks', (req) =>
		reply.json(
			200,
			shapes.webhookList(
				rt.dialect(),
				[...rt.webhooks.values()].filter((hook) => hook.account === req.caller).map(webhookView),
			),
		),
	);

	on(router, 'DELETE', '/webhooks/:id', (req) => {
		const hook = rt.webhooks.get(req.params.id);
		// inferred: another account's webhook answers 404
		if (!hook || hook.account !== req.caller) throw fail(404, 'Webhook not found');
		rt.removeWebhook(hook.id);
		return reply.deleted(shapes.webhookDeleted(rt.dialect(), { id: hook.id }));
	});
}
