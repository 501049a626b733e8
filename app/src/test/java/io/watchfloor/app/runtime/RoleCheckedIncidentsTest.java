package io.watchfloor.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.access.Operator;
import io.watchfloor.config.Permission;
import io.watchfloor.incidents.IncidentException;
import io.watchfloor.incidents.Incidents;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class RoleCheckedIncidentsTest {
    private final List<String> reached = new ArrayList<>();
    /** A desk that only notes which of its methods were called. */
    private final Incidents desk = (Incidents) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Incidents.class}, (proxy, method, args) -> {
                reached.add(method.getName());
                return method.getReturnType() == CompletableFuture.class ? CompletableFuture.completedFuture(null) : null;
            });

    @Test
    void aRoleWithAckGetsTheDeskItself() {
        Operator lead = new Operator("ana", "laptop", "lead", Set.of(Permission.VIEW, Permission.ACK), false);
        assertThat(RoleCheckedIncidents.of(desk, lead)).isSameAs(desk);
    }

    @Test
    void theWallRoleChangesNothingAndIsToldWhy() {
        Operator wall = new Operator("noc", "wall-1", "wall", Set.of(Permission.VIEW), true);
        Incidents checked = RoleCheckedIncidents.of(desk, wall);

        CompletableFuture<?> ack = checked.acknowledge("INC-1", "noc");
        assertThatThrownBy(ack::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(IncidentException.class)
                .hasMessage("noc (role wall) may not change incidents; it may: view")
                .extracting(e -> ((IncidentException) e).kind()).isEqualTo(IncidentException.Kind.NOT_PERMITTED);
        assertThat(checked.addNote("INC-1", "x", "noc")).isCompletedExceptionally();
        assertThat(checked.setStep("INC-1", "s", true, "noc")).isCompletedExceptionally();
        assertThat(reached).isEmpty();

        // what the console does itself still works: alerts and the detection snapshot
        checked.ingest(null);
        checked.attachSnapshot("INC-1", "wall", new byte[0], "watchfloor");
        checked.board();
        assertThat(reached).containsExactly("ingest", "attachSnapshot", "board");
    }
}
