package com.migomail.webhooks.examples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removes the demo's temporary folder. */
final class TempFolder {
    private TempFolder() {}

    /** Deletes the folder and everything in it; what cannot be deleted is left for the OS to clean. */
    static void delete(Path dir) {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return;
        }
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // A temporary file: the OS cleans its temporary folder.
            }
        }
    }
}
