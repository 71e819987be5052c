package org.corads.pipeline.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import org.corads.models.device.EngineThreads;
import picocli.CommandLine.Command;

/**
 * The single command-line entry point ({@code java -jar pipeline/target/quarkus-app/quarkus-run.jar}).
 * Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal failure. Machine-readable output is
 * JSON on stdout; logs go to stderr.
 */
@TopCommand
// @formatter:off
@Command(name = "corads", mixinStandardHelpOptions = true, version = "corads-pipeline 0.1.0",
        description = "CO-RADS grading of chest CT: data handling, preprocessing, training, evaluation.",
        subcommands = {
        InfoCommand.class, CheckCommand.class, ConvertCommand.class, StorageCommand.class, RunStepCommand.class,
        RunPlanCommand.class, PreprocessCommand.class, EvaluateCommand.class, SynthCommand.class, ImportCommand.class,
        StudyCommand.class, DemoCommand.class, DatasetCommand.class, TrainCommand.class, GradeCommand.class,
        ServeCommand.class, SegmentCommand.class, LesionTrainCommand.class, ModelsCommand.class})
// @formatter:on
public class CoradsCommand {
    static {
        // nothing may download at run time: DJL uses the natives of the pytorch-native-cpu jar on the class path
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // the engine's threads: one per processor this JVM may use (a container's CPU limit), unless chosen
        EngineThreads.applyDefault();
    }
}
