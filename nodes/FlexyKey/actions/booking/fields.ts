/** Fields shared by the booking operations: booking object, booking ID, period, custom body fields. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/executor';
import { integerParameter } from '../../../shared/validation';
import type { FieldSpec } from '../../../shared/display';

export const bookingObjectOption = (extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Booking Object Name or ID',
	name: 'bookingObjectId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getBookingObjects' },
	default: '',
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	...extra,
});

export function bookingIdField(): FieldSpec {
	return {
		displayName: 'Booking ID',
		name: 'bookingId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '9001',
		description: 'The bookingId the API returned when the booking was created',
	};
}

export const periodFields = (what: string): FieldSpec[] => [
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		required: true,
		default: '',
		description: `Start of the ${what} (ISO 8601). Without an offset it is read in the workflow's time zone; it is sent in UTC.`,
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		required: true,
		default: '',
		description: `End of the ${what} (ISO 8601), after From`,
	},
];

/** Merged into the request body for fields this node does not know (the doc leaves the body open). */
export const customFieldsOption: INodeProperties = {
	displayName: 'Custom Fields (JSON)',
	name: 'customFields',
	type: 'json',
	default: '{}',
	description: 'A JSON object merged into the request body, for booking fields this node has no field for. The fields above take precedence.',
};

export const bookingIdParameter = (ctx: IExecuteFunctions, item: ItemScope): number =>
	integerParameter(ctx, item, 'Booking ID', ctx.getNodeParameter('bookingId', item.index, ''), { min: 1 });

export const bookingObjectIdParameter = (ctx: IExecuteFunctions, item: ItemScope, value: unknown): number =>
	integerParameter(ctx, item, 'Booking Object', value, { min: 1 });
