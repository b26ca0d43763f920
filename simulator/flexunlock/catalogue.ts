/**
 * FlexUnlock's invented world: carriers with prices and services, IMEIs that are blacklisted or whose
 * orders fail, and the seeded order history. None of this is documented by FlexUnlock; it only has to
 * be deterministic so tests, demos and the README can rely on it.
 */

import { withLuhn } from '../core/imei';

export interface CarrierInfo {
	name: string;
	price: number;
	estimatedTime: string;
	services: string[];
}

// inferred: the carrier table, prices, times and service names (the doc's example shows
// `price: 15.50`, `estimated_time: "Instantly"`, `supported_services: ["Activation", "Active"]`).
export const carriers: CarrierInfo[] = [
	{ name: 'T-Mobile', price: 15.5, estimatedTime: 'Instantly', services: ['Activation', 'Active'] },
	{ name: 'AT&T', price: 25, estimatedTime: '1-3 Days', services: ['Activation', 'Active', 'Premium'] },
	{ name: 'Verizon', price: 9.99, estimatedTime: 'Instantly', services: ['Activation'] },
	{ name: 'Sprint', price: 19, estimatedTime: '24-48 Hours', services: ['Active', 'Premium'] },
	{ name: 'Vodafone', price: 12.5, estimatedTime: '1-24 Hours', services: ['Activation', 'Active'] },
	{ name: 'EE', price: 14, estimatedTime: '1-24 Hours', services: ['Activation', 'Active'] },
	{ name: 'O2', price: 11, estimatedTime: '1-24 Hours', services: ['Activation'] },
	{ name: 'Telstra', price: 29.99, estimatedTime: '3-5 Days', services: ['Premium'] },
];

const normalise = (carrier: string) => carrier.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Case- and punctuation-insensitive lookup ("at&t", "ATT" and "AT&T" are the same carrier). */
export function findCarrier(carrier: string): CarrierInfo | undefined {
	const wanted = normalise(carrier);
	return wanted ? carriers.find((candidate) => normalise(candidate.name) === wanted) : undefined;
}

/** Demo IMEIs with a known fate; all have valid check digits. */
export const flexUnlockFixtures = {
	/** Eligible with every carrier in the table; orders complete. */
	eligibleImei: withLuhn('35391211000001'),
	eligibleImei2: withLuhn('35875610000002'),
	// inferred: some devices are not eligible (blacklisted / reported); check answers eligible: false
	blacklistedImeis: [withLuhn('35391211999991'), withLuhn('35875610999992')],
	// inferred: orders for these devices go created → processing → failed
	failingImeis: [withLuhn('35467811666661'), withLuhn('35676611666662')],
	carriers: carriers.map((carrier) => carrier.name),
} as const;

export type OrderStatus = 'created' | 'processing' | 'completed' | 'failed';

export interface SeedOrder {
	id: string;
	account: string;
	imei: string;
	carrier: string;
	service: string;
	email?: string;
	status: OrderStatus;
	createdAt: string;
	completedAt?: string;
}

// inferred: seeded history so `/unlock/status` has something to answer before any order is placed
export const seedOrders: SeedOrder[] = [
	{
		id: 'ord_100001',
		account: 'reseller',
		imei: withLuhn('35391211000101'),
		carrier: 'T-Mobile',
		service: 'Activation',
		email: 'demo@flexunlock.com',
		status: 'completed',
		createdAt: '2025-10-27T23:09:12Z',
		completedAt: '2025-10-27T23:11:29Z',
	},
	{
		id: 'ord_100002',
		account: 'reseller',
		imei: withLuhn('35875610000102'),
		carrier: 'AT&T',
		service: 'Premium',
		status: 'completed',
		createdAt: '2025-11-03T08:15:00Z',
		completedAt: '2025-11-04T10:02:41Z',
	},
	{
		id: 'ord_100003',
		account: 'reseller',
		imei: withLuhn('35467811666661'),
		carrier: 'Verizon',
		service: 'Activation',
		status: 'failed',
		createdAt: '2025-11-12T14:40:05Z',
		completedAt: '2025-11-12T14:52:19Z',
	},
	{
		id: 'ord_100004',
		account: 'distributor',
		imei: withLuhn('35209311000104'),
		carrier: 'Vodafone',
		service: 'Active',
		status: 'completed',
		createdAt: '2026-01-05T09:00:00Z',
		completedAt: '2026-01-05T09:30:10Z',
	},
	{
		id: 'ord_100005',
		account: 'distributor',
		imei: withLuhn('35676611000105'),
		carrier: 'EE',
		service: 'Activation',
		status: 'processing',
		createdAt: '2026-02-18T16:20:00Z',
	},
	{
		id: 'ord_100006',
		account: 'bigSeller',
		imei: withLuhn('86420005000106'),
		carrier: 'Telstra',
		service: 'Premium',
		status: 'completed',
		createdAt: '2026-03-02T11:11:11Z',
		completedAt: '2026-03-05T07:45:00Z',
	},
];
