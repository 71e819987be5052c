package org.corads.models.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code corads.device}: an explicit {@code cpu}, {@code auto} on a machine whose engine sees no GPU (this one: CPU
 * natives), a GPU the engine does not see refused in one line, and the choices resolved against engines that see
 * GPUs.
 */
class DeviceSettingTest {

    @AfterEach
    void clear() {
        System.clearProperty(DeviceSetting.PROPERTY);
    }

    @Test
    void anExplicitCpuIsTheCpu() {
        System.setProperty(DeviceSetting.PROPERTY, "CPU");
        assertThat(DeviceSetting.current()).isEqualTo(Device.cpu());
        assertThat(DeviceSetting.parse("cpu").resolve("PyTorch", 4)).isEqualTo(Device.cpu());
    }

    @Test
    void autoIsTheCpuWhereTheEngineSeesNoGpuAndTheFirstGpuWhereItSeesOne() {
        assertThat(Engine.getInstance().getGpuCount()).as("this machine's engine has CPU natives only").isZero();
        assertThat(DeviceSetting.configured()).isEqualTo(DeviceSetting.AUTO);
        assertThat(DeviceSetting.current()).isEqualTo(Device.cpu());
        assertThat(DeviceSetting.AUTO.resolve("PyTorch", 2)).isEqualTo(Device.gpu(0));
        assertThat(DeviceSetting.describe(Device.cpu())).startsWith("cpu() on PyTorch ").endsWith(" (cpu natives)");
    }

    @Test
    void theNativesAreNamedByTheirFlavourOrTheirFolder() {
        assertThat(DeviceSetting.natives("/home/u/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64"))
                .isEqualTo("cpu natives");
        assertThat(DeviceSetting.natives("/cache/pytorch/2.7.1-20250812-cu128-linux-x86_64"))
                .isEqualTo("cu128 natives");
        assertThat(DeviceSetting.natives("/cache/pytorch/2.7.1-cpu-precxx11-linux-x86_64"))
                .isEqualTo("cpu-precxx11 natives");
        assertThat(DeviceSetting.natives("/opt/venv/lib/python3.12/site-packages/torch/lib"))
                .isEqualTo("libtorch at /opt/venv/lib/python3.12/site-packages/torch/lib");
    }

    @Test
    void aGpuTheEngineDoesNotSeeIsRefusedInOneLine() {
        System.setProperty(DeviceSetting.PROPERTY, "gpu:7");
        assertThatThrownBy(DeviceSetting::current).isInstanceOf(BadInputException.class).hasMessage(
                "corads.device gpu:7: the PyTorch engine sees 0 GPU(s) (CPU natives, or no CUDA device); use auto or cpu");
        assertThatThrownBy(() -> DeviceSetting.parse("gpu:7").resolve("PyTorch", 2))
                .hasMessage("corads.device gpu:7: the PyTorch engine sees 2 GPU(s); use auto, cpu or gpu:0…gpu:1");
        assertThat(DeviceSetting.parse("gpu:7").resolve("PyTorch", 8)).isEqualTo(Device.gpu(7));
    }

    @Test
    void anythingElseIsRefusedNamingTheChoices() {
        for (String bad : new String[]{"tpu", "gpu", "gpu:-1", "gpu:x", ""}) {
            assertThatThrownBy(() -> DeviceSetting.parse(bad)).isInstanceOf(BadInputException.class)
                    .hasMessage("corads.device '" + bad + "': expected auto, cpu or gpu:N (e.g. gpu:0)");
        }
    }
}
