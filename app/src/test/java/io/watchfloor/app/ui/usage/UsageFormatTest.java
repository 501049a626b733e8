package io.watchfloor.app.ui.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UsageFormatTest {

    @Test
    void countsKeepThreeFiguresAndNeverShowAThousandOfAUnit() {
        assertEquals("950", UsageFormat.count(950));
        assertEquals("1.00 k", UsageFormat.count(999.6));
        assertEquals("12.3 k", UsageFormat.count(12_340));
        assertEquals("100 k", UsageFormat.count(99_960));
        assertEquals("1.00 G", UsageFormat.count(999_600_000));
        assertEquals("4.56 M", UsageFormat.count(4_560_000));
    }
}
