/**
 * A minimal immutable JSON tree ({@link dev.kato.json.JsonValue}) read with Jackson's streaming
 * parser under explicit limits ({@link dev.kato.json.JsonTreeReader}), and written back with {@link
 * dev.kato.json.JsonText}. No data binding, no reflection.
 */
@NullMarked
package dev.kato.json;

import org.jspecify.annotations.NullMarked;
