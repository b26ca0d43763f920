/** Fields shared by the booking operations: booking object, booking ID, period, extra body fields. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/run-scope';
import { integerParameter } from '../../../shared/validation';
import type { FieldSpec } from '../../../shared/display';
import { extraBodyFields, extraFieldsOption, type OwnBodyFields } from '../../../shared/extra-fields';

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

/** The body keys the booking fields send: "Extra Body Fields (JSON)" may not set them. */
export const BOOKING_BODY_FIELDS: OwnBodyFields = {
	bookingObjectId: 'Booking Object',
	fromIso: 'From',
	toIso: 'To',
	name: 'Name',
	description: 'Description',
};

/** The extra-fields option of the booking operations; `customFields` is the name saved workflows use. */
export const bookingExtraFieldsOption = (): FieldSpec => extraFieldsOption('customFields');

/** The parsed "Extra Body Fields (JSON)" of a booking (the parameter `customFields`). */
export const bookingExtraFields = (ctx: IExecuteFunctions, item: ItemScope, raw: unknown): IDataObject =>
	extraBodyFields(ctx, item, raw, BOOKING_BODY_FIELDS);

export const bookingIdParameter = (ctx: IExecuteFunctions, item: ItemScope): number =>
	integerParameter(ctx, item, 'Booking ID', ctx.getNodeParameter('bookingId', item.index, ''), { min: 1 });

export const bookingObjectIdParameter = (ctx: IExecuteFunctions, item: ItemScope, value: unknown): number =>
	integerParameter(ctx, item, 'Booking Object', value, { min: 1 });
