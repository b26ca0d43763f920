import { unitField, unitIdOf } from '../../fields/unit';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { eventField, eventParameter } from './event';
import { showFor } from '../../../shared/display';

/** `POST /Webhooks/Test`: the API calls the configured URL once (header X-Webhook-Test: 1) and reports how it went. */
export const sendTest: FlexyKeyOperation = {
	properties: showFor('webhook', 'sendTest', [unitField(), eventField()]),
	async run(item) {
		const event = eventParameter(this, item);
		const unitId = await unitIdOf(this, item);
		return flexyKeyApi(this, item).post('/Webhooks/Test', { unitId, event });
	},
};
