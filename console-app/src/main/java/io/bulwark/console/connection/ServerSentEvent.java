package io.bulwark.console.connection;

/** One event of a server-sent event stream: its name ({@code message} when unnamed) and its data. */
record ServerSentEvent(String name, String data) {
}
