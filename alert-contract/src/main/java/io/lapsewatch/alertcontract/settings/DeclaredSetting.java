package io.lapsewatch.alertcontract.settings;

/** One setting as a process declares it: key, default (null when none) and what it means. */
public record DeclaredSetting(String key, String defaultValue, String description) {}
