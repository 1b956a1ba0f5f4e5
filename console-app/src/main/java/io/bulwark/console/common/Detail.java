package io.bulwark.console.common;

/** One line of a read-only properties view: a label and its value, ready to show. */
public record Detail(String label, String value) {
}
