import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { analyzeImei } from '../../shared/imei';
import { apiRequest } from '../../shared/transport';
import { expectReading } from '../../shared/contract';
import { readSupportedServices, SERVICE } from '../contract';
import { flexUnlock } from '../transport';

/** A parameter as typed in the editor; `undefined` when it is an expression (only known per item at run time). */
function literal(ctx: ILoadOptionsFunctions, name: string): string | undefined {
	const value = ctx.getCurrentNodeParameter(name);
	if (typeof value === 'string' && value.startsWith('=')) return undefined;
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' ? value : '';
}

/**
 * The services the eligibility check offers for the IMEI and carrier typed in the node: one
 * `POST /unlock/check` (a check creates nothing). With expressions there is no single device to
 * ask about, so the user types the service (or an expression) instead.
 */
export async function getServices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const imeiInput = literal(this, 'imei');
	const carrierInput = literal(this, 'carrier');
	if (imeiInput === undefined || carrierInput === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			'IMEI or Carrier is an expression: specify the service with an expression (or fixed text) instead',
			{ description: 'The list can only be loaded for a fixed IMEI and carrier.' },
		);
	}
	const carrier = carrierInput.trim();
	const analysis = analyzeImei(imeiInput);
	const validate = (this.getCurrentNodeParameter('options.validateImei') as boolean | undefined) !== false;
	if (analysis.imei === '' || carrier === '') {
		throw new NodeOperationError(this.getNode(), 'Enter the IMEI and the carrier first: the services depend on both');
	}
	if (validate && !analysis.valid) {
		throw new NodeOperationError(this.getNode(), `IMEI: "${analysis.input}" is not a valid IMEI: ${analysis.reason}`);
	}
	const check = (await apiRequest.call(this, flexUnlock, {
		method: 'POST',
		path: '/unlock/check',
		body: { imei: analysis.imei, carrier },
		idempotent: true,
	})) as IDataObject;
	const services = expectReading(this.getNode(), SERVICE, 'POST /v1/unlock/check', readSupportedServices(check));
	if (services.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			check.eligible === false
				? `This device is not eligible for unlocking with ${carrier}, so there are no services to order`
				: 'FlexUnlock lists no services for this device and carrier',
		);
	}
	return services.map((service) => ({ name: service, value: service })).sort((a, b) => a.name.localeCompare(b.name));
}

export const loadOptions = { getServices };
