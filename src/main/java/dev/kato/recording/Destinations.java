package dev.kato.recording;

import dev.kato.policy.PathDecision;

/** Where the recorder's destinations come from: the write policy and the default name. */
public interface Destinations {
    /** The write policy's verdict on an absolute path from a command. */
    PathDecision decide(String absolutePath);

    /** A new default destination ({@code recordings/<provider>-<short id>-<UTC time>.md}). */
    String newDefault();
}
