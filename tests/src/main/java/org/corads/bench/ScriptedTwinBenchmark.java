package org.corads.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.corads.models.Head;
import org.corads.models.train.ParameterUpdate;
import org.corads.models.train.ResumableAdam;

/**
 * Seconds per training iteration of the PyTorch twin of the small I3D ({@code torch_small.py … script <file.pt>}
 * compiles it with TorchScript) run by the app's own libtorch through DJL: the same graph PyTorch runs, executed
 * by TorchScript's interpreter inside one engine call, with this project's loss, Adam and timing loop
 * ({@link TrainingBenchmark#iterationTimes}). Set beside {@link TrainingBenchmark}'s DJL network and the twin in
 * PyTorch, it says how much of the difference is DJL's way of running the network and how much the libtorch
 * underneath. Usage: {@code ScriptedTwinBenchmark <file.pt> <depth> <size> <iterations>}.
 */
public final class ScriptedTwinBenchmark {

    private ScriptedTwinBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).toAbsolutePath();
        int depth = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        String name = file.getFileName().toString().replaceFirst("\\.pt$", "");
        Engine.getInstance().setRandomSeed(1);
        try (Model model = Model.newInstance(name, "PyTorch")) {
            // trainParam: the compiled module's parameters record gradients, as a trained block's do
            model.load(file.getParent(), name, Map.of("trainParam", "true"));
            ResumableAdam adam = new ResumableAdam(1e-4f);
            try (Trainer trainer = model
                    .newTrainer(new DefaultTrainingConfig(Head.CONTINUOUS.loss()).optOptimizer(adam))) {
                NDManager m = trainer.getManager();
                NDArray x = m.randomUniform(0, 1, new Shape(2, 2, depth, size, size));
                NDArray y = m.create(new float[]{0.25f, 0.75f}, new Shape(2, 1));
                System.out.printf(Locale.ROOT,
                        "DJL %s, the PyTorch twin compiled with TorchScript (%s, %d parameter"
                                + " arrays), input 2x%dx%dx%d%n",
                        Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(),
                        file.getFileName(), model.getBlock().getParameters().size(), depth, size, size);
                System.out.println(TrainingBenchmark.iterationTimes(trainer, new ParameterUpdate(trainer, adam), x, y,
                        iterations));
            }
        }
    }
}
