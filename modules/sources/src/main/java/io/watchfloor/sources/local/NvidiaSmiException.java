package io.watchfloor.sources.local;

/** nvidia-smi is installed but did not answer: hung, failed, or printed something unusable. */
public final class NvidiaSmiException extends Exception {
    private final int runs;

    public NvidiaSmiException(String message, int runs) {
        super(message);
        this.runs = runs;
    }

    /** How many times nvidia-smi was started before giving up. */
    public int runs() {
        return runs;
    }
}
