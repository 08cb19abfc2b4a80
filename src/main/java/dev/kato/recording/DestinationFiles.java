package dev.kato.recording;

import dev.kato.fs.AtomicFiles;
import dev.kato.policy.ApprovedPath;
import dev.kato.writer.DestinationWriter;
import java.io.IOException;

/**
 * Where a recording's file operations are carried out: in this process ({@link #IN_PROCESS}, for
 * {@code sandbox.mode: off}) or by a confined writer worker per destination (the daemon's {@code
 * WriterWorkers}). Each method has the meaning of the {@link DestinationWriter} method of the same
 * name. {@link #release} says a destination is no longer being written (its worker may end).
 */
public interface DestinationFiles {
    boolean exists(ApprovedPath destination) throws IOException;

    long size(ApprovedPath destination) throws IOException;

    /** Appends {@code bytes}; returns the size before the append. */
    long append(ApprovedPath destination, byte[] bytes) throws IOException;

    void replace(ApprovedPath destination, AtomicFiles.ContentWriter content) throws IOException;

    /** {@code body} may run more than once and must write the same bytes each time. */
    void replaceComposed(
            ApprovedPath destination,
            AtomicFiles.ContentWriter body,
            DestinationWriter.HeaderWriter header,
            int maxExistingHead)
            throws IOException;

    boolean truncateTo(ApprovedPath destination, long size) throws IOException;

    /** The destination is no longer being written; the default does nothing. */
    default void release(ApprovedPath destination) {}

    /** Everything in this process, through {@link DestinationWriter}. */
    DestinationFiles IN_PROCESS =
            new DestinationFiles() {
                @Override
                public boolean exists(ApprovedPath destination) {
                    return DestinationWriter.exists(destination);
                }

                @Override
                public long size(ApprovedPath destination) throws IOException {
                    return DestinationWriter.size(destination);
                }

                @Override
                public long append(ApprovedPath destination, byte[] bytes) throws IOException {
                    return DestinationWriter.append(destination, bytes);
                }

                @Override
                public void replace(ApprovedPath destination, AtomicFiles.ContentWriter content)
                        throws IOException {
                    DestinationWriter.replace(destination, content);
                }

                @Override
                public void replaceComposed(
                        ApprovedPath destination,
                        AtomicFiles.ContentWriter body,
                        DestinationWriter.HeaderWriter header,
                        int maxExistingHead)
                        throws IOException {
                    DestinationWriter.replaceComposed(destination, body, header, maxExistingHead);
                }

                @Override
                public boolean truncateTo(ApprovedPath destination, long size) throws IOException {
                    return DestinationWriter.truncateTo(destination, size);
                }

                @Override
                public String toString() {
                    return "DestinationFiles.IN_PROCESS";
                }
            };
}
