// Floating-point physics: Sun + four jovian planets advanced with a symplectic Euler step,
// total energy printed before and after. Exercises nested loops over objects with numeric fields.
export const meta = { name: 'nbody', kind: 'kernel', description: 'n-body planetary simulation, float arithmetic on object fields' };

const PI = Math.PI;
const SOLAR_MASS = 4 * PI * PI;
const DAYS_PER_YEAR = 365.24;

class Body {
  constructor(name, x, y, z, vx, vy, vz, mass) {
    this.name = name;
    this.x = x;
    this.y = y;
    this.z = z;
    this.vx = vx;
    this.vy = vy;
    this.vz = vz;
    this.mass = mass;
  }

  static planet(name, pos, vel, massInSuns) {
    const [x, y, z] = pos;
    const [vx, vy, vz] = vel.map((v) => v * DAYS_PER_YEAR);
    return new Body(name, x, y, z, vx, vy, vz, massInSuns * SOLAR_MASS);
  }

  kineticEnergy() {
    return 0.5 * this.mass * (this.vx * this.vx + this.vy * this.vy + this.vz * this.vz);
  }
}

// Initial conditions (positions in AU, velocities in AU/day before scaling, masses in solar masses).
function solarSystem() {
  const sun = new Body('sun', 0, 0, 0, 0, 0, 0, SOLAR_MASS);
  const jupiter = Body.planet(
    'jupiter',
    [4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01],
    [1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05],
    9.54791938424326609e-04,
  );
  const saturn = Body.planet(
    'saturn',
    [8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01],
    [-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05],
    2.85885980666130812e-04,
  );
  const uranus = Body.planet(
    'uranus',
    [1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01],
    [2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05],
    4.36624404335156298e-05,
  );
  const neptune = Body.planet(
    'neptune',
    [1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01],
    [2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05],
    5.15138902046611451e-05,
  );
  return [sun, jupiter, saturn, uranus, neptune];
}

class System {
  constructor(bodies) {
    this.bodies = bodies;
    this.offsetMomentum();
  }

  // Give the sun the momentum that makes the whole system's momentum zero.
  offsetMomentum() {
    let px = 0;
    let py = 0;
    let pz = 0;
    for (const b of this.bodies) {
      px += b.vx * b.mass;
      py += b.vy * b.mass;
      pz += b.vz * b.mass;
    }
    const sun = this.bodies[0];
    sun.vx = -px / SOLAR_MASS;
    sun.vy = -py / SOLAR_MASS;
    sun.vz = -pz / SOLAR_MASS;
  }

  advance(dt) {
    const bodies = this.bodies;
    const n = bodies.length;
    for (let i = 0; i < n; i++) {
      const a = bodies[i];
      for (let j = i + 1; j < n; j++) {
        const b = bodies[j];
        const dx = a.x - b.x;
        const dy = a.y - b.y;
        const dz = a.z - b.z;
        const d2 = dx * dx + dy * dy + dz * dz;
        const mag = dt / (d2 * Math.sqrt(d2));
        const am = a.mass * mag;
        const bm = b.mass * mag;
        a.vx -= dx * bm;
        a.vy -= dy * bm;
        a.vz -= dz * bm;
        b.vx += dx * am;
        b.vy += dy * am;
        b.vz += dz * am;
      }
    }
    for (const b of bodies) {
      b.x += dt * b.vx;
      b.y += dt * b.vy;
      b.z += dt * b.vz;
    }
  }

  energy() {
    const bodies = this.bodies;
    let e = 0;
    bodies.forEach((a, i) => {
      e += a.kineticEnergy();
      for (const b of bodies.slice(i + 1)) {
        const dx = a.x - b.x;
        const dy = a.y - b.y;
        const dz = a.z - b.z;
        e -= (a.mass * b.mass) / Math.sqrt(dx * dx + dy * dy + dz * dz);
      }
    });
    return e;
  }
}

export function setup(size) {
  return { steps: size === 'smoke' ? 20000 : 3000000, dt: 0.01 };
}

export function run({ steps, dt }) {
  // A fresh system every run, so repeated runs give the same answer.
  const system = new System(solarSystem());
  const before = system.energy();
  for (let step = 0; step < steps; step++) system.advance(dt);
  const after = system.energy();
  return `${before.toFixed(9)}:${after.toFixed(9)}`;
}
