package io.watchfloor.sources.nvidia;

/**
 * A compute process on a GPU.
 *
 * @param gpuUuid  the GPU it runs on (null in XML, where the enclosing GPU says it)
 * @param usedMib  GPU memory it holds, null when the driver does not say (Windows WDDM, MIG without privileges)
 */
public record GpuProcess(String gpuUuid, long pid, String name, Double usedMib) {
    /** "python3" for "/usr/bin/python3": the tile has little room. */
    public String shortName() {
        if (name == null) {
            return "pid " + pid;
        }
        String n = name.strip();
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        return slash >= 0 && slash < n.length() - 1 ? n.substring(slash + 1) : n;
    }
}
