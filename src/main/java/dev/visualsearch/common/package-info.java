/**
 * Cross-cutting pieces every feature uses: the problem+json error model ({@code error}), web helpers and the
 * admin guard ({@code web}), and the embedded PostgreSQL default ({@code database}). Nothing here knows a feature.
 */
package dev.visualsearch.common;
