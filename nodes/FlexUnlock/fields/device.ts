/** The IMEI and carrier every Unlock operation that names a device takes, and their local checks. */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { ItemScope } from '../../shared/run-scope';
import { validateImeiOption } from '../../shared/node-options';
import { imeiParameter, requiredString } from '../../shared/validation';
import type { FieldSpec } from '../../shared/display';
import { imeiField } from '../../shared/imei';

export function deviceFields(): FieldSpec[] {
	return [
		imeiField("The device's 15-digit IMEI. Spaces, dashes and dots are ignored.", '353912110000014'),
		{
			displayName: 'Carrier',
			name: 'carrier',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'T-Mobile',
			description: 'The name of the carrier the device is locked to now',
		},
	];
}

/** `{ imei, carrier }` as the API wants them, checked locally first (nothing is sent for a bad item). */
export function deviceParameters(ctx: IExecuteFunctions, item: ItemScope): { imei: string; carrier: string } {
	const imei = imeiParameter(ctx, item, 'IMEI', ctx.getNodeParameter('imei', item.index, ''), validateImeiOption(ctx, item));
	const carrier = requiredString(ctx, item, 'Carrier', ctx.getNodeParameter('carrier', item.index, ''));
	return { imei, carrier };
}
