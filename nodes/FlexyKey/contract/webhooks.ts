/**
 * FlexyKey webhook configurations: `GET /Webhooks` rows, the `PUT /Webhooks` answer and `GET
 * /Webhooks/Events` names.
 */
import type { IDataObject } from 'n8n-workflow';
import { booleanOf, fieldValue, findObject, type Reading, textOf } from '../../shared/contract';

/** One webhook configuration as the trigger reads it (inferred: secrets are write-only, reads say whether they are set). */
export interface WebhookSlot {
	webhookId?: string;
	event?: string;
	callbackUrl?: string;
	hasSecret?: boolean;
	hasApiKey?: boolean;
	/** Documented as 1 or 0 on `PUT /Webhooks`. */
	isActive?: boolean;
	/** When the configuration was last written: a change means someone re-PUT it. */
	updatedIso?: string;
}

const SLOT_KEYS = {
	webhookId: ['webhookId', 'id', 'webhookConfigId', 'configId'],
	event: ['event', 'eventType', 'eventName'],
	callbackUrl: ['callbackUrl', 'url', 'callback', 'targetUrl'],
	hasSecret: ['hasSecret', 'secretSet', 'isSecretSet', 'secretConfigured'],
	hasApiKey: ['hasApiKey', 'apiKeySet', 'isApiKeySet', 'apiKeyConfigured'],
	isActive: ['isActive', 'active', 'enabled', 'isEnabled'],
	updatedIso: ['updatedIso', 'updatedTimestampIso', 'updatedAtIso', 'updatedUtc', 'updatedAt', 'modifiedIso', 'lastModifiedIso', 'lastUpdatedIso'],
} as const;

/**
 * The fields the trigger uses of a `GET /Webhooks` row or `PUT /Webhooks` answer (inferred:
 * `{ webhookId, unitId, event, callbackUrl, httpMethod, hasSecret, hasApiKey, isActive, createdIso,
 * updatedIso }`); absent fields stay undefined (the caller then cannot use them, and says so).
 */
export function webhookSlotFields(row: IDataObject): WebhookSlot {
	const text = (names: readonly string[]) => textOf(fieldValue(row, names));
	const flag = (names: readonly string[]) => booleanOf(fieldValue(row, names));
	return {
		webhookId: text(SLOT_KEYS.webhookId),
		event: text(SLOT_KEYS.event),
		callbackUrl: text(SLOT_KEYS.callbackUrl),
		hasSecret: flag(SLOT_KEYS.hasSecret),
		hasApiKey: flag(SLOT_KEYS.hasApiKey),
		isActive: flag(SLOT_KEYS.isActive),
		updatedIso: text(SLOT_KEYS.updatedIso),
	};
}

/**
 * `PUT /Webhooks` (inferred: the configuration itself): also one level down (`{ status: "OK",
 * webhook: { … } }`) or in an envelope.
 */
export function readWebhook(body: unknown): Reading<IDataObject> {
	return findObject(body, ['webhookId', 'callbackUrl', 'event', 'id']);
}

/** A webhook event name from a `GET /Webhooks/Events` row. */
export const eventName = (row: IDataObject): string | undefined => textOf(fieldValue(row, ['event', 'name', 'eventType', 'value']));
