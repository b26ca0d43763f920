/** `POST /unlock/check` (documented), `POST /unlock/order` and `POST /unlock/status` (paths inferred, API-NOTES B). */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { findCarrier, flexUnlockFixtures } from '../catalogue';
import * as shapes from '../dialects';
import { badRequest, fail } from '../errors';
import { on } from '../route';
import { flexUnlockTime, type FlexUnlockOrder, type FlexUnlockRuntime } from '../runtime';
import { deviceSchema, orderSchema, orderStatusSchema, parseBody } from '../schemas';

interface Eligibility {
	eligible: boolean;
	price: number;
	estimatedTime: string;
	services: string[];
}

/** The device's eligibility with its carrier (the body's `imei` and `carrier` already valid). */
function eligibility(imei: string, carrierName: string): Eligibility {
	const carrier = findCarrier(carrierName);
	// inferred: unknown carriers and blacklisted devices are not eligible (200, eligible: false,
	// price 0, estimated_time "N/A", no services) rather than an error
	if (!carrier || (flexUnlockFixtures.blacklistedImeis as readonly string[]).includes(imei)) {
		return { eligible: false, price: 0, estimatedTime: 'N/A', services: [] };
	}
	return { eligible: true, price: carrier.price, estimatedTime: carrier.estimatedTime, services: [...carrier.services] };
}

// inferred: "same structure as check": the envelope's `status` is "success", the order's own status
// is `order_status` (as in the order response)
function orderView(order: FlexUnlockOrder): Record<string, unknown> {
	const out: Record<string, unknown> = {
		status: 'success',
		order_id: order.id,
		order_status: order.status,
		imei: order.imei,
		carrier: order.carrier,
		service: order.service,
		price: order.price,
	};
	if (order.email !== undefined) out.Email = order.email;
	if (order.unlockCode !== undefined) out.unlock_code = order.unlockCode;
	if (order.failureReason !== undefined) out.failure_reason = order.failureReason;
	out.created_at = flexUnlockTime(order.createdAt);
	if (order.completedAt !== undefined) out.completed_at = flexUnlockTime(order.completedAt);
	return out;
}

export function registerUnlockRoutes(router: Router, rt: FlexUnlockRuntime): void {
	on(router, 'POST', '/unlock/check', (req) => {
		const device = parseBody(deviceSchema, req.body);
		const result = eligibility(device.imei, device.carrier);
		return reply.json(200, {
			status: 'success',
			eligible: result.eligible,
			price: result.price,
			estimated_time: result.estimatedTime,
			supported_services: result.services,
		});
	});

	on(router, 'POST', '/unlock/order', (req) => {
		const device = parseBody(deviceSchema, req.body);
		const result = eligibility(device.imei, device.carrier);
		// inferred: ordering an ineligible device is a 400
		if (!result.eligible) throw badRequest('Device is not eligible for unlocking');
		const body = parseBody(orderSchema(result.services), req.body);
		// inferred: the Email is echoed in the order, its webhooks and its unlock_code (the doc's
		// example shows "Email" in webhook data)
		const email = (body.Email ?? body.email) as string | undefined;
		const order = rt.placeOrder({
			account: req.caller,
			imei: device.imei,
			carrier: device.carrier,
			service: body.service,
			price: result.price,
			email,
		});
		// inferred: 200 with the API-NOTES B shape
		return reply.json(200, shapes.orderPlaced(rt.dialect(), { status: 'success', order_id: order.id, order_status: order.status }));
	});

	on(router, 'POST', '/unlock/status', (req) => {
		const { order_id: orderId } = parseBody(orderStatusSchema, req.body);
		const order = rt.orders.get(orderId);
		// inferred: another account's order is indistinguishable from an unknown one
		if (!order || order.account !== req.caller) throw fail(404, 'Order not found');
		return reply.json(200, shapes.orderStatus(rt.dialect(), orderView(order)));
	});
}
