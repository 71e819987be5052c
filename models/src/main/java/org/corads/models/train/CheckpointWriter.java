package org.corads.models.train;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a checkpoint after every validation, and at the end when none was written: the current parameters
 * ({@code checkpoint.params}), the optimizer's state ({@code optimizer.bin}), the best parameters
 * ({@code best.params}) and the training state ({@code checkpoint.json}, written last). Each file is replaced
 * atomically, so a kill at any moment leaves a consistent checkpoint to resume from.
 */
final class CheckpointWriter implements TrainingListener {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final Block block;
    private final ResumableAdam adam;

    CheckpointWriter(Path dir, Block block, ResumableAdam adam) {
        this.dir = dir;
        this.block = block;
        this.adam = adam;
    }

    /** The best parameters of an earlier run of the same checkpoint, if it saved any. */
    byte[] previousBest() throws IOException {
        Path best = dir.resolve("best.params");
        return Files.exists(best) ? Files.readAllBytes(best) : null;
    }

    @Override
    public void onValidation(ClassifierTrainer.State state, byte[] bestParams) throws IOException {
        write(bestParams, state);
    }

    @Override
    public void onEnd(ClassifierTrainer.State state, byte[] bestParams) throws IOException {
        if (bestParams == null) {
            write(ClassifierTrainer.params(block), state);
        }
    }

    private void write(byte[] best, ClassifierTrainer.State s) throws IOException {
        Files.createDirectories(dir);
        atomic(dir.resolve("checkpoint.params"), ClassifierTrainer.params(block));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bos)) {
            adam.save(out);
        }
        atomic(dir.resolve("optimizer.bin"), bos.toByteArray());
        if (best != null) {
            atomic(dir.resolve("best.params"), best);
        }
        atomic(dir.resolve("checkpoint.json"), JSON.writeValueAsBytes(s));
    }

    private static void atomic(Path f, byte[] bytes) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".part");
        Files.write(tmp, bytes);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
