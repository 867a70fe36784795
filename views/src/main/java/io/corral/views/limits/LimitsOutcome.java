package io.corral.views.limits;

import io.corral.model.limit.Knob;
import io.corral.model.limit.Setting;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one SetLimits: per setting, applied as asked, applied but clamped (the
 * kernel holds something else than was written: rounded to pages, capped by the parent)
 * or rejected with the kernel's reason. Built by the submitter from the engine's result.
 */
public record LimitsOutcome(List<SettingOutcome> settings) {
    public LimitsOutcome {
        settings = List.copyOf(settings);
    }

    public enum Status { APPLIED, CLAMPED, REJECTED }

    /**
     * @param holds   what the kernel holds afterwards, as its file says (re-read), if known
     * @param message for people: the refusal reason, or how it was clamped
     */
    public record SettingOutcome(Setting setting, Status status, Optional<String> holds, String message) {
        public SettingOutcome {
            Objects.requireNonNull(setting);
            Objects.requireNonNull(status);
            Objects.requireNonNull(holds);
            Objects.requireNonNull(message);
        }
    }

    public Optional<SettingOutcome> of(Knob knob) {
        return settings.stream().filter(s -> s.setting().knob() == knob).findFirst();
    }

    /** Every setting rejected with the same reason (e.g. the command could not run at all). */
    public static LimitsOutcome rejected(List<Setting> settings, String reason) {
        return new LimitsOutcome(settings.stream()
                .map(s -> new SettingOutcome(s, Status.REJECTED, Optional.empty(), reason)).toList());
    }
}
