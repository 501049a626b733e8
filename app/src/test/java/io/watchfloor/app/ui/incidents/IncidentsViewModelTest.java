package io.watchfloor.app.ui.incidents;

import static io.watchfloor.app.ui.incidents.IncidentFixtures.DMESG;
import static io.watchfloor.app.ui.incidents.IncidentFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.NoIncidents;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import io.watchfloor.incidents.IncidentException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The view model without a toolkit: commands, their pending keys and results, boards in and out of order. */
class IncidentsViewModelTest {
    private final TestClock clock = new TestClock(T0);
    private final FakeIncidents desk = IncidentFixtures.desk(clock);
    private final IncidentsViewModel vm = new IncidentsViewModel(desk, "ana", clock, FxExecutor.DIRECT, Runnable::run);

    @AfterEach
    void close() {
        desk.close();
    }

    @Test
    void aCommandIsPendingUntilTheDeskAnswersAndItsResultIsShownAtOnce() {
        desk.holdCommands();
        CompletableFuture<Incident> f = vm.setStep("INC-7", DMESG, true);
        assertThat(vm.pending()).containsExactly(IncidentsViewModel.step("INC-7", DMESG));
        assertThat(vm.find("INC-7").checklistDone()).isEqualTo(1);
        // a second click while saving is refused, not sent twice
        assertThat(vm.setStep("INC-7", DMESG, true)).isCompletedExceptionally();
        assertThat(desk.calls()).hasSize(1);

        desk.completeNext();
        assertThat(f).isCompleted();
        assertThat(vm.pending()).isEmpty();
        assertThat(vm.find("INC-7").checklistDone()).isEqualTo(2);
    }

    @Test
    void aBoardOlderThanACommandsResultDoesNotTakeItBack() {
        IncidentBoard before = desk.board();
        vm.open();
        vm.setStep("INC-7", DMESG, true).join();
        desk.awaitIdle();
        assertThat(vm.find("INC-7").checklistDone()).isEqualTo(2);
        // a board published before the change, delivered late
        vm.accept(before);
        assertThat(vm.find("INC-7").checklistDone()).isEqualTo(2);
        // the desk's own newer board is taken as it is
        vm.accept(desk.board());
        assertThat(vm.find("INC-7").checklistDone()).isEqualTo(2);
        vm.close();
    }

    @Test
    void aRefusalLeavesTheBoardAsItWas() {
        desk.holdCommands();
        CompletableFuture<Incident> f = vm.acknowledge("INC-7");
        desk.failNext("the incident store refused the write");
        assertThat(f).isCompletedExceptionally();
        assertThat(f.handle((r, e) -> IncidentFormat.failure(e)).join()).isEqualTo("the incident store refused the write");
        assertThat(vm.pending()).isEmpty();
        assertThat(vm.find("INC-7").isAcknowledged()).isFalse();
    }

    @Test
    void withoutADeskEveryCommandSaysIncidentsAreNotAvailable() {
        IncidentsViewModel none = new IncidentsViewModel(NoIncidents.INSTANCE, "ana", clock, FxExecutor.DIRECT, Runnable::run);
        assertThat(none.available()).isFalse();
        assertThat(none.board().incidents()).isEmpty();
        Throwable err = none.acknowledge("INC-1").handle((r, e) -> e).join();
        assertThat(err).isInstanceOf(IncidentException.class).hasMessage("incidents are not available");
        assertThat(none.pending()).isEmpty();
    }

    @Test
    void followsTheDeskOnlyWhileOpen() {
        vm.open();
        assertThat(desk.subscribers()).isEqualTo(1);
        desk.seed(IncidentBuilder.incident(11, io.watchfloor.model.incident.Severity.P2, "new", T0).build());
        assertThat(vm.find("INC-11")).isNotNull();
        vm.close();
        assertThat(desk.subscribers()).isZero();
        desk.clear();
        assertThat(vm.board().incidents()).extracting(Incident::id).contains("INC-11");
    }
}
