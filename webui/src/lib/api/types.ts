/**
 * Helpers for deriving the UI's API types from the generated ones (schema.d.ts, made from openapi.json by
 * `npm run gen:api`; never edit either by hand).
 *
 * SmallRye OpenAPI lists a Java record's components without `required` or nullability. The types are generated with
 * `--properties-required-by-default`, which matches what Jackson writes for a record (every component, null when
 * unset); the feature API modules then mark the components that can be null (`WithNull`) and, for records written
 * with `@JsonInclude(NON_NULL)`, those left out when null (`WithAbsent`).
 */
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'delete';

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/**
 * The JSON a route answers with on success (200), looked up by route rather than by schema name: SmallRye numbers
 * schema names that clash (two Java records called RunView become `RunView` and `RunView1`).
 */
export type JsonResponse<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

/** The JSON body a route takes. */
export type JsonRequest<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

/** The query parameters a route takes. */
export type QueryParams<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type Flat<T> = { [K in keyof T]: T[K] } & {};

/** `T` with the properties `K` possibly null (a Java reference the server writes as null). */
export type WithNull<T, K extends keyof T> = Flat<Omit<T, K> & { [P in K]: T[P] | null }>;

/** `T` with the properties `K` possibly absent (left out when null by `@JsonInclude(NON_NULL)`, or by older servers). */
export type WithAbsent<T, K extends keyof T> = Flat<Omit<T, K> & { [P in K]?: T[P] }>;

/** `T` with some properties given narrower or refined types; every key must be one of the schema's properties. */
export type Refine<T, R extends { [P in keyof R]: P extends keyof T ? unknown : never }> = Flat<Omit<T, keyof R> & R>;
