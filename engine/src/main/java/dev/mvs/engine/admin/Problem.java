package dev.mvs.engine.admin;

/** Something {@code verify} found wrong, and the command that fixes it. */
public record Problem(String what, String fix) {}
